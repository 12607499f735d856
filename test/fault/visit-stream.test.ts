/**
 * #15: the waiting room pushed across copies. Two proxy processes share a real redis-server; VSee
 * (the sandbox, its own process) sends its webhooks to copy B only, as a load balancer might route
 * them. The patient's event stream is held by copy A: it hears the provider's Start through Redis
 * pub/sub, and A's cached read of the visit is forgotten too.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visit } from '../../src/api/contract';
import { sseReader } from '../support/sse';
import { startRedis, type RunningRedis } from '../support/redis';
import { patient, PUBLIC_URL, requireRedis, SECRET_1, startProcess, type ServerProcess } from './support/cluster';

const run = requireRedis();
const WEBHOOK_SECRET = 'fault-suite-webhook-secret-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe.runIf(run)('a waiting room on one copy, VSee’s webhook at another', () => {
  let redis: RunningRedis;
  let vsee: ServerProcess;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    redis = await startRedis();
    const portB = await freePort();
    vsee = await startProcess({ LOG_LEVEL: 'silent', SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${portB}/webhooks/vsee/${WEBHOOK_SECRET}` });
    const env = {
      VSEE_API_BASE: `${vsee.url}/sandbox/api_v3/`,
      VSEE_ACCOUNT_CODE: 'demo',
      VSEE_API_KEY: 'sandbox-api-key',
      VSEE_API_SECRET: 'sandbox-api-secret',
      VSEE_PORTAL_URL: `${vsee.url}/sandbox/vc/`,
      VSEE_ROOM_CODE: 'sandbox',
      PUBLIC_URL,
      SESSION_SECRETS: SECRET_1,
      REDIS_URL: redis.url,
      VSEE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      VISIT_CACHE_MS: '2000',
      DRAIN_SECONDS: '2',
    };
    [a, b] = await Promise.all([startProcess(env), startProcess({ ...env, PORT: String(portB) })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.kill9(), b?.kill9(), vsee?.terminate()]);
    await redis?.stop();
  });

  it('the provider’s Start reaches the patient’s stream on copy A through Redis, and A reads the visit afresh', async () => {
    const p = patient('Pushed');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    const booked = await p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': `push-${Date.now()}` });
    expect(booked.status).toBe(201);
    const id = visit.parse(booked.body).id;

    const cookie = [...p.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${a.url}/api/visits/${id}/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    const stream = sseReader(res.body!);
    expect(visit.parse(JSON.parse((await stream.next())!.data)).status).toBe('pending');
    // A has the visit in its 2 s read cache now (the stream's first read).

    const t0 = Date.now();
    const start = await fetch(`${vsee.url}/sandbox/vc/providers/visits/${id}/start`, { method: 'POST', redirect: 'manual' });
    expect(start.status).toBe(303);
    // A never polls VSee for a stream: only B's webhook, relayed by Redis, can wake it.
    const pushed = await stream.next(5000);
    const ms = Date.now() - t0;
    expect(visit.parse(JSON.parse(pushed!.data)).status).toBe('in_progress');
    console.log(`provider Start → event on the other copy's stream: ${ms} ms`);
    // And A's own GET agrees at once, well inside its 2 s cache.
    expect(visit.parse((await p.get(a, `/api/visits/${id}`)).body).status).toBe('in_progress');

    const webhooksAt = (s: ServerProcess) => s.logs().filter((l) => l.event === 'webhook' && l.type === 'visit.updated').length;
    expect(webhooksAt(b)).toBe(1);
    expect(webhooksAt(a)).toBe(0);

    const done = await fetch(`${vsee.url}/sandbox/vc/providers/visits/${id}/complete`, { method: 'POST', redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(visit.parse(JSON.parse((await stream.next(5000))!.data)).status).toBe('completed');
    expect(await stream.next(5000)).toBeNull(); // the visit ended: so does the stream
  });

  it('a copy that is stopped ends its streams at once instead of holding the drain', async () => {
    const p = patient('Drained');
    await p.signIn(b);
    const intakeId = await p.intake(b);
    const id = visit.parse((await p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': `drain-${Date.now()}` })).body).id;
    const cookie = [...p.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const stream = sseReader((await fetch(`${b.url}/api/visits/${id}/events`, { headers: { Cookie: cookie } })).body!);
    await stream.next();
    const took = await b.terminate(); // SIGTERM; DRAIN_SECONDS is 2
    expect(await stream.next(1000)).toBeNull();
    expect(took).toBeLessThan(2000);
  });
});
