/**
 * A compromised or misconfigured path to VSee answering with a redirect: the proxy does not follow
 * it (it would carry the patient's token elsewhere) and tells the patient the clinic is not answering.
 */
import { describe, expect, it } from 'vitest';
import { apiError } from '../../src/api/contract';
import { UPSTREAM_MESSAGE } from '../../server/proxy/problem';
import { browser, makeServer, injectFault, joinWalkin, PATIENT } from '../support/server';

describe('an upstream redirect', () => {
  it.each([301, 302, 303, 307, 308])('%i is not followed → 502 upstream_unavailable', async (status) => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '300' });
    const b = browser(server);
    const v = await joinWalkin(b);
    // Pointing at an endpoint that would answer: following it would turn this into a 200.
    await injectFault(server, { route: 'GET /visits/:id', kind: 'redirect', status, times: 1, location: `http://vsee-sandbox.internal/api_v3/visits/${v.id}` });
    const res = await b.get(`/api/visits/${v.id}`);
    expect(res.status).toBe(502);
    expect(apiError.parse(await res.json()).error).toEqual({ code: 'upstream_unavailable', message: UPSTREAM_MESSAGE, reference: expect.any(String) });
  });

  it('on a booking: no visit is half-made', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '300' });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    const intakeId = ((await i.json()) as { id: string }).id;
    await injectFault(server, { route: 'POST /visits/add_walkin', kind: 'redirect' });
    const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': 'redirect-test-key' });
    expect(res.status).toBe(502);
    expect([...server.sandbox.store.visits.values()].filter((x) => x.intakeId === intakeId)).toEqual([]);
  });
});
