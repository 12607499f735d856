/**
 * VSee's walk-in wait is learnt in the shared store (decision 065): with a real redis-server, the
 * walk-ins copy A saw start are what copy B tells a new patient, and a start heard by both copies
 * (A's read of the visit, B's webhook) is learnt once.
 */
import { describe, expect, it } from 'vitest';
import { roundWait } from '../../../server/backend/clinic-backend';
import { addSample, estimateSeconds, MIN_SAMPLES, type WaitSums } from '../../../server/proxy/wait-estimate';
import { clinic, visit, visitWait } from '../../../src/api/contract';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { useRedisStores } from '../../support/redis-stores';
import { browser, joinWalkin, makeServer, type TestServer } from '../../support/server';

const haveRedis = redisAvailable();
const inCi = process.env.CI === 'true';
if (!haveRedis && !inCi) console.warn(`skipping the shared wait test: ${REDIS_MISSING}`);
if (!haveRedis && inCi) {
  describe('Redis in CI', () => {
    it('has redis-server installed', () => {
      throw new Error(`CI=true needs the shared wait test: ${REDIS_MISSING}`);
    });
  });
}

const SECRET = 'w'.repeat(40);
const ENV = { SESSION_SECRET: 's'.repeat(40), VSEE_WEBHOOK_SECRET: SECRET };
const MIN = 60_000;

describe.runIf(haveRedis)('the walk-in wait across copies of the proxy (real redis-server)', () => {
  const redis = useRedisStores();
  const store = redis.open;
  const clinicWait = async (s: TestServer) => clinic.parse(await (await s.app.request('/api/clinic')).json()).wait;

  it('copy A learns from walk-ins it saw start; copy B tells the next patient; a start heard twice counts once', async () => {
    const [a, b] = [makeServer(ENV, { kv: await store() }), makeServer(ENV, { kv: await store() })];
    const raw = await store();
    b.clock.now = a.clock.now;
    const t0 = a.clock.now;
    const waitsMin = [12, 18, 31];
    const learnt: Array<{ seconds: number; at: number }> = [];

    expect(await clinicWait(b)).toBeNull();
    for (const [i, w] of waitsMin.entries()) {
      a.clock.now = t0 + i * 60 * MIN;
      const patient = browser(a);
      const v = await joinWalkin(patient);
      // The waiting room reads the visit every few minutes (and so stays signed in) until it starts.
      for (let waited = 0; waited < w; waited += 5) {
        a.clock.now += Math.min(5, w - waited) * MIN;
        expect(visit.parse(await (await patient.get(`/api/visits/${v.id}`)).json()).status).toBe('pending');
      }
      // The provider starts it on VSee's dashboard; the patient's waiting room (on A) reads it.
      expect((await a.app.request(`/sandbox/vc/providers/visits/${v.id}/start`, { method: 'POST' })).status).toBe(303);
      await a.webhooks!.idle();
      const read = await patient.get(`/api/visits/${v.id}`);
      expect(read.status, await read.clone().text()).toBe(200);
      expect(visit.parse(await read.json()).status).toBe("in_progress");
      learnt.push({ seconds: w * 60, at: a.clock.now });
      // The same start reaches copy B too (VSee's webhook to another copy, a new delivery id).
      const event = { id: `evt-b-${v.id}`, type: 'visit.updated', created: Math.floor(a.clock.now / 1000), account_code: 'demo', data: { id: v.id, status: 30 } };
      const sent = await b.app.request(`/webhooks/vsee/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
      expect(sent.status).toBe(200);
      await b.webhooks!.idle();
      b.clock.now = a.clock.now;
      if (i + 1 < MIN_SAMPLES) expect(await clinicWait(b)).toBeNull();
    }

    // What B says is the fold of exactly the three waits A saw — no sample counted twice.
    const sums = JSON.parse((await raw.get('wait:sandbox')) ?? 'null') as WaitSums;
    expect(sums.n).toBe(waitsMin.length);
    const expected = roundWait(estimateSeconds(learnt.reduce<WaitSums | null>((acc, s) => addSample(acc, s.seconds, s.at), null))!);
    expect(await clinicWait(b)).toEqual(expected);
    expect(await clinicWait(a)).toEqual(expected);

    // A new walk-in on B: its waiting room is told the room's wait less what it has waited.
    const next = browser(b);
    const mine = await joinWalkin(next);
    b.clock.now += 5 * MIN;
    const left = visitWait.parse(await (await next.get(`/api/visits/${mine.id}/wait`)).json()).wait;
    const seconds = estimateSeconds(learnt.reduce<WaitSums | null>((acc, s) => addSample(acc, s.seconds, s.at), null))!;
    expect(left).toEqual(roundWait(seconds - 5 * 60));
  });
});
