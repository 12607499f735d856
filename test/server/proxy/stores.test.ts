import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import { createRedisStore } from '../../../server/proxy/stores/redis';
import { firstUse, type KvStore } from '../../../server/proxy/stores/store';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { useRedisStores } from '../../support/redis-stores';
import { browser, guestWithIntake, makeServer, newKey, PATIENT } from '../../support/server';
import { visit } from '../../../src/api/contract';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The KvStore contract, run against each implementation. `pass(ms)` lets time go by: the memory
 * store runs on a fake clock, Redis on its own.
 */
function contract(name: string, make: () => Promise<{ kv: KvStore; pass: (ms: number) => Promise<void> }>) {
  describe(`${name} KvStore`, () => {
    let kv: KvStore;
    let pass: (ms: number) => Promise<void>;
    let n = 0;
    const key = (k: string) => `test:${name}:${Date.now()}:${++n}:${k}`;
    beforeAll(async () => ({ kv, pass } = await make()));
    afterAll(async () => kv.close());

    it('setIfAbsent stores once, until the value expires', async () => {
      const k = key('once');
      expect(await kv.setIfAbsent(k, 'a', 300)).toBe(true);
      expect(await kv.setIfAbsent(k, 'b', 300)).toBe(false);
      expect(await kv.get(k)).toBe('a');
      await pass(450);
      expect(await kv.get(k)).toBeNull();
      expect(await kv.setIfAbsent(k, 'c', 300)).toBe(true);
      expect(await kv.get(k)).toBe('c');
    });

    it('set replaces, get reads, del removes', async () => {
      const k = key('rw');
      expect(await kv.get(k)).toBeNull();
      await kv.set(k, 'one', 10_000);
      await kv.set(k, 'two', 10_000);
      expect(await kv.get(k)).toBe('two');
      await kv.del(k);
      expect(await kv.get(k)).toBeNull();
      await kv.del(k); // deleting what is not there is fine
    });

    it('swap replaces or deletes only while the value is the expected one', async () => {
      const k = key('swap');
      expect(await kv.swap(k, 'a', 'b', 10_000)).toBe(false); // nothing there
      await kv.set(k, 'a', 10_000);
      expect(await kv.swap(k, 'x', 'b', 10_000)).toBe(false);
      expect(await kv.get(k)).toBe('a');
      expect(await kv.swap(k, 'a', 'b', 10_000)).toBe(true);
      expect(await kv.get(k)).toBe('b');
      expect(await kv.swap(k, 'a', 'c', 10_000)).toBe(false); // a second taker loses
      expect(await kv.swap(k, 'b', null, 10_000)).toBe(true);
      expect(await kv.get(k)).toBeNull();
    });

    it('incr counts within a window that the first increment starts', async () => {
      const k = key('count');
      const first = await kv.incr(k, 400);
      expect(first.count).toBe(1);
      expect(first.ttlMs).toBeGreaterThan(0);
      expect(first.ttlMs).toBeLessThanOrEqual(400);
      await pass(150);
      const second = await kv.incr(k, 400);
      expect(second.count).toBe(2);
      // The window is not extended by later increments.
      expect(second.ttlMs).toBeLessThanOrEqual(400 - 100);
      await pass(400);
      expect((await kv.incr(k, 400)).count).toBe(1);
    });

    it('is atomic under concurrent use', async () => {
      const k = key('race');
      const wins = await Promise.all(Array.from({ length: 50 }, (_, i) => kv.setIfAbsent(k, String(i), 10_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const c = key('race-count');
      const counts = await Promise.all(Array.from({ length: 100 }, () => kv.incr(c, 10_000)));
      expect(counts.map((x) => x.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it('firstUse records a launch jti once', async () => {
      const jti = key('jti');
      expect(await firstUse(kv, 'jti', jti, 10_000)).toBe(true);
      expect(await firstUse(kv, 'jti', jti, 10_000)).toBe(false);
    });
  });
}

contract('memory', async () => {
  const clock = { now: 1_000_000 };
  return {
    kv: createMemoryStore(() => clock.now),
    pass: async (ms) => {
      clock.now += ms;
    },
  };
});

const haveRedis = redisAvailable();
const inCi = process.env.CI === 'true';
if (!haveRedis && !inCi) console.warn(`skipping the Redis store tests: ${REDIS_MISSING}`);

if (!haveRedis && inCi) {
  describe('Redis in CI', () => {
    it('has redis-server installed', () => {
      throw new Error(`CI=true needs the Redis store tests: ${REDIS_MISSING}`);
    });
  });
}

describe.runIf(haveRedis)('with a real redis-server', () => {
  const redis = useRedisStores();
  const open = redis.open;

  contract('redis', async () => ({ kv: await createRedisStore({ url: redis.url(), waitForConnection: true }), pass: sleep }));

  it('two proxy processes share one session rate limit', async () => {
    const env = { RATE_LIMIT_SESSIONS: '3', TRUST_PROXY: 'loopback', SESSION_SECRET: 'r'.repeat(32) };
    const a = makeServer(env, { kv: await open() });
    const b = makeServer(env, { kv: await open() });
    const headers = { 'X-Forwarded-For': '198.51.100.77' };
    const from = (s: typeof a) => browser(s, undefined, { address: '127.0.0.1' });
    const statuses = [];
    for (const s of [a, b, a, b]) {
      statuses.push((await from(s).post('/api/session/guest', PATIENT, headers)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('a retried booking on another process gets the first answer, not a second visit', async () => {
    const env = { SESSION_SECRET: 's'.repeat(32) };
    const a = makeServer(env, { kv: await open() });
    const b = makeServer(env, { kv: await open() });
    const onA = browser(a);
    const intakeId = await guestWithIntake(onA, 'walkin');
    const key = newKey();
    const first = await onA.post('/api/walkins', { intakeId }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const made = visit.parse(await first.json());

    // The same browser (same cookie), its retry routed to the other process.
    const onB = browser(b);
    for (const [k, v] of onA.jar) onB.jar.set(k, v);
    const retry = await onB.post('/api/walkins', { intakeId }, { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(visit.parse(await retry.json()).id).toBe(made.id);
    expect([...b.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId)).toHaveLength(0);
  });
});
