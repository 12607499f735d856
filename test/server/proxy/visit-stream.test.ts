/**
 * `GET /api/visits/:id/events`: the waiting room's visit pushed over Server-Sent Events — the same
 * checks as `GET /api/visits/:id`, the visit first, a new one each time VSee's webhook says it
 * changed (the sandbox sends them, in process, to our receiver), and an end when the visit ends.
 */
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { loadConfig } from '../../../server/config';
import { WAITING_WINDOW_MS } from '../../../server/ops/metrics';
import { createProxy } from '../../../server/proxy';
import { createLogger } from '../../../server/proxy/logger';
import type { VseeCall, VseeClient } from '../../../server/vsee/client';
import { visit } from '../../../src/api/contract';
import { sseReader } from '../../support/sse';
import { browser, joinWalkin, makeServer, PATIENT, type TestServer } from '../../support/server';

const events = (b: ReturnType<typeof browser>, id: string) => b.get(`/api/visits/${id}/events`, { Accept: 'text/event-stream' });

async function provider(server: TestServer, action: 'start' | 'complete', id: string) {
  expect((await server.app.request(`/sandbox/vc/providers/visits/${id}/${action}`, { method: 'POST' })).status).toBe(303);
}

async function gauge(server: TestServer): Promise<number> {
  const { body } = await server.metrics.exposition();
  return Number(/^frontdesk_sse_connections (\S+)$/m.exec(body)?.[1]);
}

describe('GET /api/visits/:id/events', () => {
  it('needs a session: 401 like GET /api/visits/:id, and no stream', async () => {
    const server = makeServer();
    const b = browser(server);
    const res = await events(b, '67258');
    expect(res.status).toBe(401);
    const plain = await b.get('/api/visits/67258');
    expect(res.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    const code = async (r: Response) => ((await r.json()) as { error: { code: string } }).error.code;
    expect(await code(res)).toBe('unauthorized');
    expect(await code(plain)).toBe('unauthorized');
  });

  it('another patient’s visit (or one that does not exist) is 404, as for the visit itself', async () => {
    const server = makeServer();
    const maya = browser(server);
    const v = await joinWalkin(maya);
    const other = browser(server);
    expect((await other.post('/api/session/guest', { ...PATIENT, firstName: 'Omar', email: 'omar@example.com' })).status).toBe(201);
    for (const id of [v.id, '99999999', 'abc']) {
      const res = await events(other, id);
      expect(res.status, id).toBe(404);
      expect((await other.get(`/api/visits/${id}`)).status, id).toBe(404);
    }
  });

  it('sends the visit first, then each change VSee reports by webhook, and ends when the visit ends', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    const res = await events(b, v.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toMatch(/no-store|no-cache/);
    const stream = sseReader(res.body!);

    const first = await stream.next();
    expect(first?.event).toBe('visit');
    const view = visit.parse(JSON.parse(first!.data));
    // The same view GET /api/visits/:id gives.
    expect(view).toEqual(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()));
    expect(view.status).toBe('pending');
    expect(await gauge(server)).toBe(1);

    await provider(server, 'start', v.id);
    const started = await stream.next();
    expect(started?.event).toBe('visit');
    expect(visit.parse(JSON.parse(started!.data)).status).toBe('in_progress');
    // The push may reach the page before the receiver's 200 reaches the sandbox's outbox.
    await vi.waitFor(() =>
      expect(server.sandbox.outbox.deliveries.map((d) => [d.type, d.status])).toEqual([
        ['visit.created', 200],
        ['visit.updated', 200],
      ]),
    );

    await provider(server, 'complete', v.id);
    const done = await stream.next();
    expect(visit.parse(JSON.parse(done!.data)).status).toBe('completed');
    expect(await stream.next()).toBeNull(); // the stream ends with the visit
    await new Promise((r) => setImmediate(r));
    expect(await gauge(server)).toBe(0);
  });

  it('pushes a change that arrives in VSee’s v2 envelope just the same', async () => {
    const server = makeServer();
    server.sandbox.outbox.version = '2';
    const b = browser(server);
    const v = await joinWalkin(b);
    const stream = sseReader((await events(b, v.id)).body!);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('pending');
    await provider(server, 'start', v.id);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('in_progress');
    await stream.cancel();
  });

  it('an event about another visit sends this stream nothing', async () => {
    const server = makeServer();
    const maya = browser(server);
    const mine = await joinWalkin(maya);
    const omar = browser(server);
    const theirs = await joinWalkin(omar);
    const stream = sseReader((await events(maya, mine.id)).body!);
    await stream.next();
    await provider(server, 'start', theirs.id);
    await server.sandbox.outbox.flush();
    await server.webhooks!.idle();
    await expect(stream.next(300)).rejects.toThrow(/in time/);
    await stream.cancel();
  });

  it('a session signed out since the stream opened hears nothing more: the stream ends at the next change', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    const stream = sseReader((await events(b, v.id)).body!);
    await stream.next();
    expect((await b.del('/api/session')).status).toBeLessThan(300);
    // The stream's request still carries the cookie it was opened with; its session is revoked.
    await provider(server, 'start', v.id);
    expect(await stream.next()).toBeNull();
  });

  it('ends after SSE_MAX_SECONDS however quiet the visit, so the page reconnects (and is checked again)', async () => {
    const server = makeServer({ SSE_MAX_SECONDS: '1' });
    const b = browser(server);
    const v = await joinWalkin(b);
    const t0 = Date.now();
    const stream = sseReader((await events(b, v.id)).body!);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('pending');
    expect(await stream.next(3000)).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setImmediate(r));
    expect(await gauge(server)).toBe(0);
  });

  it('sends a heartbeat while the visit is quiet, and each one keeps the waiting patient counted', async () => {
    const server = makeServer({ SSE_HEARTBEAT_SECONDS: '1' });
    const waiting = async () => Number(/^frontdesk_waiting_patients (\S+)$/m.exec((await server.metrics.exposition()).body)?.[1]);
    const b = browser(server);
    const v = await joinWalkin(b);
    const stream = sseReader((await events(b, v.id)).body!);
    expect((await stream.next())?.event).toBe('visit');
    expect(stream.comments).toEqual([]);
    // Nearly a whole counting window later, with no poll: a heartbeat now counts the patient again.
    server.clock.now += WAITING_WINDOW_MS - 5_000;
    await expect(stream.next(2_500)).rejects.toThrow(/in time/); // no event: the visit did not change
    expect(stream.comments.length).toBeGreaterThanOrEqual(1);
    expect(stream.comments.length).toBeLessThanOrEqual(3); // one a second, not a busy loop
    expect(new Set(stream.comments)).toEqual(new Set(['hb']));
    // Past the window since the join (the last poll), but not since the last heartbeat.
    server.clock.now += WAITING_WINDOW_MS - 5_000;
    expect(await waiting()).toBe(1);
    // The stream is still open and still pushes what changes.
    await provider(server, 'start', v.id);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('in_progress');
    await stream.cancel();
  });

  it('ends at once for a visit that has already ended (one event)', async () => {
    const server = makeServer();
    const b = browser(server);
    const v = await joinWalkin(b);
    expect((await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' })).status).toBe(200);
    const stream = sseReader((await events(b, v.id)).body!);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('cancelled');
    expect(await stream.next()).toBeNull();
  });

  it('a proxy that hears no webhooks answers 204: the page polls instead', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const vsee: VseeClient = {
      call: (async (c: VseeCall<z.ZodType>) => c.schema.parse({ id: '1', token: { token: 'tok', expiry: 4_000_000_000 } })) as VseeClient['call'],
      download: async () => new Uint8Array(),
    };
    const app = new Hono().route('/api', createProxy({ config, vsee, log: createLogger('silent') }));
    const b = browser({ app } as Pick<TestServer, 'app'>);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const res = await events(b, '67258');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });
});

describe('the visit read cache, with webhooks', () => {
  it('never shows a visit the provider just ended as still in progress', async () => {
    const server = makeServer({ VISIT_CACHE_MS: '2000' });
    const b = browser(server);
    const v = await joinWalkin(b);
    await provider(server, 'start', v.id);
    await server.sandbox.outbox.flush();
    await server.webhooks!.idle();
    expect(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).status).toBe('in_progress'); // cached now
    await provider(server, 'complete', v.id);
    await server.sandbox.outbox.flush();
    await server.webhooks!.idle();
    // Within the cache's 2 s: the webhook made it forget.
    expect(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).status).toBe('completed');
    const list = (await (await b.get('/api/visits')).json()) as { past: { id: string; status: string }[] };
    expect(list.past.find((x) => x.id === v.id)?.status).toBe('completed');
  });

  it('never shows a visit the patient just cancelled as still waiting', async () => {
    const server = makeServer({ VISIT_CACHE_MS: '2000' });
    server.sandbox.outbox.enabled = false; // the proxy's own write, without any webhook
    const b = browser(server);
    const v = await joinWalkin(b);
    expect(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).status).toBe('pending');
    expect(((await (await b.get('/api/visits')).json()) as { upcoming: unknown[] }).upcoming).toHaveLength(1);
    expect((await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' })).status).toBe(200);
    expect(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).status).toBe('cancelled');
    expect(((await (await b.get('/api/visits')).json()) as { upcoming: unknown[] }).upcoming).toHaveLength(0);
  });
});
