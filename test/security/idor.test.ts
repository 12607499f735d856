/**
 * Another patient's visit id (IDOR): every call that takes a visit id answers 404, exactly as for
 * a visit that does not exist, and changes nothing.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiError } from '../../src/api/contract';
import { loadConfig } from '../../server/config';
import { createProxy } from '../../server/proxy';
import { createLogger } from '../../server/proxy/logger';
import type { VseeCall, VseeClient } from '../../server/vsee/client';
import { browser, makeServer, newKey, PATIENT, type Browser, type TestServer, bookAppointment, complete, joinWalkin, sandboxVisit, slotsFor } from '../support/server';

async function attacker(server: ReturnType<typeof makeServer>): Promise<Browser> {
  const mallory = browser(server);
  expect((await mallory.post('/api/session/guest', { ...PATIENT, firstName: 'Mallory' })).status).toBe(201);
  return mallory;
}

async function expectNotFound(res: Response) {
  expect(res.status).toBe(404);
  expect(apiError.parse(await res.json()).error.code).toBe('not_found');
}

describe("another patient's visit", () => {
  it('cannot be read', async () => {
    const server = makeServer();
    const victim = await bookAppointment(browser(server));
    await expectNotFound(await (await attacker(server)).get(`/api/visits/${victim.id}`));
  });

  it('cannot be cancelled', async () => {
    const server = makeServer();
    const victim = await bookAppointment(browser(server));
    await expectNotFound(await (await attacker(server)).post(`/api/visits/${victim.id}/cancel`, { reason: 'patient_cancel_appointment' }));
    expect(sandboxVisit(server, victim.id)?.status).toBe(20);
  });

  it('cannot be rescheduled', async () => {
    const server = makeServer();
    const v = browser(server);
    const victim = await bookAppointment(v);
    const m = await attacker(server);
    const i = await m.post('/api/intakes', { kind: 'appointment', reason: 'x', state: 'CA' });
    const slot = (await slotsFor(m, ((await i.json()) as { id: string }).id))[7]!;
    await expectNotFound(await m.post(`/api/visits/${victim.id}/reschedule`, slot, { 'Idempotency-Key': newKey() }));
    expect(sandboxVisit(server, victim.id)?.start).toBe(Date.parse(victim.start) / 1000);
    // Nor searched for slots through its intake.
    const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 86_400_000).toISOString(), visitId: victim.id });
    await expectNotFound(await m.get(`/api/availability?${q}`));
  });

  it('cannot be joined by invite', async () => {
    const server = makeServer();
    const victim = await joinWalkin(browser(server));
    await expectNotFound(await (await attacker(server)).post(`/api/visits/${victim.id}/invite`, {}));
  });

  it('cannot have its summary downloaded', async () => {
    const server = makeServer();
    const victim = await joinWalkin(browser(server));
    await complete(server, victim.id);
    await expectNotFound(await (await attacker(server)).get(`/api/visits/${victim.id}/summary`));
  });

  it('cannot be handed off into', async () => {
    const server = makeServer();
    const victim = await joinWalkin(browser(server));
    await expectNotFound(await (await attacker(server)).post('/api/handoff', { target: 'visit', visitId: victim.id }));
  });

  it('a seeded patient’s visits are as closed as any other', async () => {
    const server = makeServer();
    const m = await attacker(server);
    for (const id of ['67258', '67259', '67260', '67261']) await expectNotFound(await m.get(`/api/visits/${id}`));
  });

  it('never shows up in my list', async () => {
    const server = makeServer();
    const victim = await joinWalkin(browser(server));
    const list = (await (await (await attacker(server)).get('/api/visits')).json()) as { upcoming: { id: string }[]; past: { id: string }[] };
    expect([...list.upcoming, ...list.past].map((v) => v.id)).not.toContain(victim.id);
  });
});

describe('a VSee that answers with someone else’s visit', () => {
  // Defence in depth: VSee scopes visits to the token, and the proxy checks the owner again.
  it('is refused by the proxy itself on read, cancel, invite and handoff', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const someoneElses = { id: '4242', member_id: '999', start: 2_000_000_000, end: 2_000_000_900, status: 20, type: 1, code: 'abc123' };
    const calls: string[] = [];
    const vsee: VseeClient = {
      call: (async (c: VseeCall<z.ZodType>) => {
        calls.push(`${c.method} ${c.path}`);
        const data = c.path === 'users/sso' ? { id: '1', token: { token: 'tok', expiry: 4_000_000_000 } } : someoneElses;
        return c.schema.parse(data);
      }) as VseeClient['call'],
      download: async () => new Uint8Array(),
    };
    const app = new Hono().route('/api', createProxy({ config, vsee, log: createLogger('silent') }));
    const b = browser({ app } as Pick<TestServer, 'app'>);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    await expectNotFound(await b.get('/api/visits/4242'));
    await expectNotFound(await b.post('/api/visits/4242/cancel', { reason: 'patient_exit_room' }));
    await expectNotFound(await b.post('/api/visits/4242/invite', {}));
    await expectNotFound(await b.post('/api/handoff', { target: 'visit', visitId: '4242' }));
    expect(calls.filter((x) => x.startsWith('POST') && x !== 'POST users/sso')).toEqual([]);
  });
});
