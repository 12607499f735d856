/**
 * The several-copies shape, for real: nginx (deploy/nginx.conf) in front of two frontdesk
 * processes sharing a redis-server and a VSee sandbox process (scripts/cluster.ts). A patient
 * books a walk-in and waits in the waiting room while each copy in turn is stopped and started
 * again; they never see anything but, at worst, an answer they retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxAvailable, redisAvailable, startCluster, type Cluster } from '../../scripts/cluster';
import { visit as visitView } from '../../src/api/contract';
import { sseReader } from '../support/sse';

const missing = [!nginxAvailable() && 'nginx (apt-get install -y nginx)', !redisAvailable() && 'redis-server (apt-get install -y redis-server)'].filter(Boolean);
if (missing.length) {
  if (process.env.CI === 'true') throw new Error(`The cluster test needs ${missing.join(' and ')} under CI=true.`);
  console.warn(`[skip] cluster test: missing ${missing.join(' and ')}`);
}

const PATIENT = { firstName: 'Nadia', lastName: 'Ortiz', dob: '1979-02-03', email: 'nadia.ortiz@example.com', phone: '555-010-4477' };

/** What the SPA's client does: cookies, the CSRF header, our Origin; one retry of a failed GET. */
function patient(cluster: Cluster) {
  const jar = new Map<string, string>();
  const seen: { method: string; path: string; status: number }[] = [];
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h = new Headers({ Accept: 'application/json', ...headers });
    if (method !== 'GET') {
      h.set('X-Frontdesk', '1');
      h.set('Origin', cluster.url);
      h.set('Content-Type', 'application/json');
    }
    if (jar.size) h.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${cluster.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (/max-age=0/i.test(line)) jar.delete(pair!.slice(0, eq));
      else jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    seen.push({ method, path, status: res.status });
    return res;
  }
  return {
    seen,
    send,
    /** A GET the way React Query does it: up to three retries, 1 s, 2 s, 4 s apart. */
    async get(path: string) {
      let res = await send('GET', path);
      for (const delay of [1000, 2000, 4000]) {
        if (res.status < 500) return res;
        await new Promise((r) => setTimeout(r, delay));
        res = await send('GET', path);
      }
      return res;
    },
    /** A booking the way the SPA sends it: the same Idempotency-Key on the patient's retry. */
    async book(path: string, body: unknown, key: string) {
      const first = await send('POST', path, body, { 'Idempotency-Key': key });
      if (first.status < 500) return first;
      await new Promise((r) => setTimeout(r, 1000)); // the patient presses "Try again"
      return send('POST', path, body, { 'Idempotency-Key': key });
    },
  };
}

describe.skipIf(missing.length > 0)('nginx in front of two copies, one stopped and started again', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ port: 0 });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves the app, health and readiness through nginx; /metrics is not routed from outside', async () => {
    expect((await fetch(`${cluster.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${cluster.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { store: 'ok', vendor: 'ok', app: 'ok' } });
    expect(await (await fetch(`${cluster.url}/`)).text()).toContain('<div id="root">');
    expect((await fetch(`${cluster.url}/metrics`, { headers: { Authorization: `Bearer ${cluster.metricsToken}` } })).status).toBe(404);
    // Each copy answers on its own metrics port.
    const m = await fetch(`http://127.0.0.1:${cluster.copies[0]!.metricsPort}/metrics`, { headers: { Authorization: `Bearer ${cluster.metricsToken}` } });
    expect(m.status).toBe(200);
  });

  it('books a walk-in and keeps the waiting room going while each copy is stopped and started', async () => {
    const [a, b] = cluster.copies as [Cluster['copies'][0], Cluster['copies'][0]];
    const p = patient(cluster);
    expect((await p.send('POST', '/api/session/guest', PATIENT)).status).toBe(201);
    const intake = await p.send('POST', '/api/intakes', { kind: 'walkin', reason: 'Fever since yesterday', state: 'CA', phone: PATIENT.phone });
    expect(intake.status).toBe(201);
    const { id: intakeId } = (await intake.json()) as { id: string };

    // Copy A goes away (a deploy): nginx sends the booking to B; the cookie, sealed with the
    // shared secret, and the Idempotency-Key record in Redis mean the same there.
    await a.stop();
    const key = `cluster-${Date.now()}`;
    const booked = await p.book('/api/walkins', { intakeId }, key);
    expect(booked.status).toBe(201);
    const visit = (await booked.json()) as { id: string; status: string };
    expect(visit.status).toBe('pending');

    // A comes back, B goes away: the waiting room's polls land on A.
    await a.start();
    await b.stop();
    for (let i = 0; i < 3; i++) {
      const v = await p.get(`/api/visits/${visit.id}`);
      expect(v.status).toBe(200);
      expect(((await v.json()) as { status: string }).status).toBe('pending');
    }
    // A retried booking with the same key, on the other copy, is the same visit, not a second one.
    const again = await p.book('/api/walkins', { intakeId }, key);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe(visit.id);

    // B comes back. The waiting room holds its event stream (through nginx, unbuffered), on
    // whichever copy; the provider starts the visit on the sandbox's dashboard (through nginx).
    await b.start();
    const events = await p.send('GET', `/api/visits/${visit.id}/events`, undefined, { Accept: 'text/event-stream' });
    expect(events.status).toBe(200);
    const stream = sseReader(events.body!);
    expect(visitView.parse(JSON.parse((await stream.next())!.data)).status).toBe('pending');
    const start = await fetch(`${cluster.url}/sandbox/vc/providers/visits/${visit.id}/start`, { method: 'POST', redirect: 'manual' });
    expect(start.status).toBe(303);
    // VSee's webhook reaches one copy through nginx; Redis tells the other. The stream hears it...
    expect(visitView.parse(JSON.parse((await stream.next(5000))!.data)).status).toBe('in_progress');
    await stream.cancel();
    // ...and neither copy answers from a read cached before it: polls, round robin, agree at once.
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) statuses.push(((await (await p.get(`/api/visits/${visit.id}`)).json()) as { status: string }).status);
    expect(statuses).toEqual(['in_progress', 'in_progress', 'in_progress', 'in_progress']);

    // Nothing failed but for an answer a retry got (a copy going away can cost one), and no
    // booking was made twice.
    const failed = p.seen.flatMap((s, i) => (s.status >= 500 ? [i] : []));
    for (const i of failed) expect({ ...p.seen[i + 1], status: p.seen[i + 1]!.status < 500 }).toEqual({ ...p.seen[i], status: true });
    expect(failed.length).toBeLessThanOrEqual(2);
    const mine = (await (await p.get('/api/visits')).json()) as { upcoming: { id: string }[] };
    expect(mine.upcoming.map((v) => v.id)).toEqual([visit.id]);
  });

  it('a copy stopped while a booking is in flight finishes it: the patient gets their visit', async () => {
    const [a, b] = cluster.copies as [Cluster['copies'][0], Cluster['copies'][0]];
    const p = patient(cluster);
    expect((await p.send('POST', '/api/session/guest', { ...PATIENT, firstName: 'Omar' })).status).toBe(201);
    const { id: intakeId } = (await (await p.send('POST', '/api/intakes', { kind: 'walkin', reason: 'Earache', state: 'CA' })).json()) as { id: string };
    // Only B serves, and VSee is slow to answer the booking.
    await a.stop();
    const fault = await fetch(`${cluster.sandboxUrl}/control/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ route: 'POST /visits/add_walkin', kind: 'latency', ms: 1500, times: 1 }),
    });
    expect(fault.ok).toBe(true);
    const inFlight = p.book('/api/walkins', { intakeId }, `inflight-${Date.now()}`);
    await new Promise((r) => setTimeout(r, 500));
    const stopping = b.stop(); // SIGTERM while the booking waits on VSee
    await a.start();
    const res = await inFlight;
    await stopping;
    expect(res.status).toBe(201);
    const visit = (await res.json()) as { id: string };
    await b.start();
    const mine = (await (await p.get('/api/visits')).json()) as { upcoming: { id: string }[] };
    expect(mine.upcoming.map((v) => v.id)).toEqual([visit.id]);
  });
});
