/**
 * Coverage results live in the shared store: with a real redis-server, a webhook received by one
 * copy of the proxy is what another copy tells the patient, and a repeated delivery to a third
 * copy changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../../src/api/contract';
import { REDIS_MISSING, redisAvailable } from '../../support/redis';
import { useRedisStores } from '../../support/redis-stores';
import { browser, makeServer, PATIENT } from '../../support/server';

const haveRedis = redisAvailable();
const inCi = process.env.CI === 'true';
if (!haveRedis && !inCi) console.warn(`skipping the shared coverage test: ${REDIS_MISSING}`);
if (!haveRedis && inCi) {
  describe('Redis in CI', () => {
    it('has redis-server installed', () => {
      throw new Error(`CI=true needs the shared coverage test: ${REDIS_MISSING}`);
    });
  });
}

const ENV = { SESSION_SECRET: 's'.repeat(40), VSEE_WEBHOOK_SECRET: 'w'.repeat(40) };

describe.runIf(haveRedis)('coverage across copies of the proxy (real redis-server)', () => {
  const redis = useRedisStores();
  const copy = async () => {
    const kv = await redis.open();
    return makeServer(ENV, { kv });
  };

  it('copy A saves, copy B receives the webhook, copy C answers the patient', async () => {
    const [a, b, c] = [await copy(), await copy(), await copy()];
    const patient = browser(a);
    expect((await patient.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect((await patient.post('/api/payment', { method: 'insurance', primary: { insurerId: 'car7556', memberId: 'R-2' }, holder: { relation: 'self' } })).status).toBe(200);
    const check = [...a.sandbox.store.eligibility.values()].at(-1)!;
    const event = {
      id: `evt-${Date.now()}`,
      type: 'eligibility.checked',
      created: Math.floor(Date.now() / 1000),
      account_code: 'demo',
      data: { eligibility_id: check.id, member_id: check.userId, eligibility_response: 'Inactive', external_member_id: '1' },
    };
    const send = (server: typeof b, body: unknown) =>
      server.app.request(`/webhooks/vsee/${ENV.VSEE_WEBHOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await send(b, event)).status).toBe(200);
    await b.webhooks!.idle();
    // Same cookie, another copy (same SESSION_SECRET): the result is there.
    const onC = browser(c);
    for (const [k, v] of patient.jar) onC.jar.set(k, v);
    const read = async () => ((await (await onC.get('/api/coverage')).json()) as Coverage).cards[0]!.state;
    expect(await read()).toBe('inactive');
    // The same delivery again, to yet another copy, with other contents: nothing changes.
    expect((await send(c, { ...event, data: { ...event.data, eligibility_response: 'Active Coverage' } })).status).toBe(200);
    await c.webhooks!.idle();
    expect(await read()).toBe('inactive');
  });
});
