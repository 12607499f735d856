import { describe, expect, it } from 'vitest';
import { browser, makeServer, newKey, PATIENT } from '../../support/server';

type Line = Record<string, unknown> & { audit?: string; level: number };
const lines = (logs: string[]) => logs.map((l) => JSON.parse(l) as Line);
const audits = (logs: string[]) => lines(logs).filter((l) => l.audit);

describe('audit events', () => {
  it('session start, SSO mint, booking, cancel, handoff and sign-out, with ids only', async () => {
    const server = makeServer({}, { logLevel: 'info' });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    const intakeId = ((await i.json()) as { id: string }).id;
    const w = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    const visitId = ((await w.json()) as { id: string }).id;
    expect((await b.post('/api/handoff', { target: 'visit', visitId })).status).toBe(200);
    expect((await b.post(`/api/visits/${visitId}/cancel`, { reason: 'patient_exit_room' })).status).toBe(200);
    expect((await b.del('/api/session')).status).toBe(204);

    const member = [...server.sandbox.store.users.values()].at(-1)!.id;
    // Every line names its request (server/ops/request-context.ts); the rest is the event.
    expect(audits(server.logs).every((l) => typeof l.reqId === 'string' && /^[0-9A-Z]{10}$/.test(l.reqId))).toBe(true);
    const events = audits(server.logs).map(({ level: _l, time: _t, service: _s, pid: _p, hostname: _h, reqId: _r, ...rest }) => rest);
    expect(events).toEqual([
      { audit: 'session_start', kind: 'guest', member, backend: 'vsee' },
      { audit: 'sso_mint', member },
      { audit: 'booking', kind: 'walkin', visit: visitId, member },
      { audit: 'sso_mint', member },
      { audit: 'handoff', target: 'visit', visit: visitId, member },
      { audit: 'cancel', visit: visitId, reason: 'patient_exit_room', member },
      { audit: 'session_end', member },
    ]);
  });

  it('every refused request: 401, 403, 413, 400, 429, with status and reason, at warn level', async () => {
    const server = makeServer({ RATE_LIMIT_SESSIONS: '2' }, { logLevel: 'info' });
    const b = browser(server);
    await b.get('/api/visits'); // 401
    await b.post('/api/session/guest', PATIENT, { 'X-Frontdesk': '0' }); // 403
    await b.post('/api/session/guest', PATIENT, { Origin: 'https://evil.example' }); // 403
    await b.post('/api/session/guest', { ...PATIENT, firstName: 'x'.repeat(20_000) }); // 413
    await b.request('POST', '/api/session/guest', undefined, { 'Content-Type': 'application/json' }); // 400
    await b.post('/api/session/guest', PATIENT); // 201 (the malformed attempt counted too: 2 of 2)
    await b.post('/api/session/guest', PATIENT); // 429
    await server.app.request('/api/clinic', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }); // 403

    const refused = audits(server.logs).filter((l) => l.audit === 'refused');
    expect(refused.map((l) => [l.status, l.reason])).toEqual([
      [401, 'no_session'],
      [403, 'missing_csrf_header'],
      [403, 'origin_not_allowed'],
      [413, 'payload_too_large'],
      [400, 'bad_request'],
      [429, 'rate_limited'],
      [403, 'cors_origin_not_allowed'],
    ]);
    for (const l of refused) {
      expect(l.level).toBe(40);
      expect(l).toMatchObject({ method: expect.any(String), path: expect.stringMatching(/^\/api\//) });
    }
  });

  it('writes to the destination it is given (stdout unless told otherwise)', async () => {
    const server = makeServer({}, { logLevel: 'warn' });
    await browser(server).get('/api/visits');
    expect(server.logs).toHaveLength(1);
    expect(lines(server.logs)[0]).toMatchObject({ service: 'frontdesk', audit: 'refused' });
  });
});
