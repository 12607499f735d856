/**
 * #10 item 1: Redis connected but silent (SIGSTOP, like a failover that blackholes packets) and
 * Redis unreachable at start. Nothing hangs: each use answers within REDIS_TIMEOUT_MS with its
 * failure mode — limits let guests in, bookings and session checks are refused with 503 and
 * Retry-After — it is logged, and everything works again when Redis does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, patient, requireRedis, sleep, startCluster, startProcess, visitsAtVsee, type Cluster, type ServerProcess } from './support/cluster';

const run = requireRedis();
/** REDIS_TIMEOUT_MS is 200 in the cluster: a refusal comes well within a second, not after the stall. */
const PROMPT_MS = 1500;

describe.runIf(run)('a stalled or missing Redis', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    cluster = await startCluster();
    [a, b] = await Promise.all([startProcess(cluster.proxyEnv()), startProcess(cluster.proxyEnv())]);
  }, 120_000);
  afterAll(async () => {
    cluster?.redis.resume();
    await Promise.all([a?.kill9(), b?.kill9()]);
    await cluster?.stop();
  });

  it('SIGSTOP: intakes and walk-ins answer at once (refused, not hung), guests still sign in, and it is logged', async () => {
    const p = patient('Stalled');
    await p.signIn(a);
    const intakeId = await p.intake(a);
    cluster.redis.pause();
    try {
      const intake = await p.post(b, '/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
      expect(intake.status).toBe(503);
      expect(intake.ms).toBeLessThan(PROMPT_MS);
      expect(intake.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(errorCode(intake)).toBe('upstream_unavailable');

      const walkin = await p.post(a, '/api/walkins', { intakeId }, { 'Idempotency-Key': `stall-${Date.now()}` });
      expect(walkin.status).toBe(503);
      expect(walkin.ms).toBeLessThan(PROMPT_MS);

      // Rate limits fail open: a new patient can still start (each session start is only counted).
      const guest = patient('StalledGuest');
      const t0 = Date.now();
      await guest.signIn(b);
      expect(Date.now() - t0).toBeLessThan(PROMPT_MS + 500);
      expect((await p.get(a, '/api/clinic')).status).toBe(200);
      expect(await visitsAtVsee(cluster.vsee, 'Stalled')).toHaveLength(0);
    } finally {
      cluster.redis.resume();
    }
    await sleep(300);
    expect(a.output() + b.output()).toMatch(/shared store: \w+ took longer than 200 ms/);
    // Redis answers again: the same patient books, once.
    const walkin = await p.post(b, '/api/walkins', { intakeId }, { 'Idempotency-Key': `after-${Date.now()}` });
    expect(walkin.status).toBe(201);
    expect(await visitsAtVsee(cluster.vsee, 'Stalled')).toHaveLength(1);
  }, 60_000);

  it('unreachable at start: the proxy still listens, says so once, and serves what needs no store', async () => {
    const lonely = await startProcess(cluster.proxyEnv({ REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const p = patient('NoRedis');
      expect((await p.get(lonely, '/api/clinic')).status).toBe(200);
      await p.signIn(lonely); // limits fail open
      const refused = await p.post(lonely, '/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
      expect(refused.status).toBe(503); // session checks fail closed
      await sleep(3000);
      const lines = lonely.output().split('\n').filter((l) => l.includes('redis: unreachable'));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(1); // once, not every 2 s
    } finally {
      await lonely.kill9();
    }
  }, 60_000);
});
