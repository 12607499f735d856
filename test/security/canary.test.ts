/**
 * The PHI canary: a whole patient journey with recognisable fake PHI, including the failure paths
 * (bad input, refusals, a failing VSee, a booking whose answer was lost), at the most verbose log
 * level; then every captured log line is searched. No PHI, no token, no VSee secret, no cookie.
 */
import { describe, expect, it } from 'vitest';
import { handoff, invite, visit } from '../../src/api/contract';
import { SANDBOX } from '../../server/vsee-sandbox/credentials';
import { browser, makeServer, newKey, complete, injectFault, slotsFor } from '../support/server';

const CANARY = {
  firstName: 'Zebulon',
  lastName: 'Quackenbush',
  dob: '1971-02-03',
  email: 'zebulon.quackenbush@canary.example',
  phone: '555-013-9876',
};
const REASON = 'Canary-reason: persistent purple hiccups';
const INSURANCE = { memberId: 'CANARYMEM8841', group: 'CANARYGRP77', holder: { firstName: 'Philomena', lastName: 'Gorgonzola', dob: '1950-06-07' } };

describe('the PHI canary', () => {
  it('no PHI, token, secret or cookie value appears in any log line', async () => {
    const server = makeServer({ VSEE_TIMEOUT_MS: '300', RATE_LIMIT_MUTATIONS: '40' }, { logLevel: 'trace' });
    const b = browser(server);
    const cookies = new Set<string>();
    const handoffTokens = new Set<string>();
    const keep = () => {
      for (const v of b.jar.values()) cookies.add(v);
    };

    // Bad input carrying PHI first: the refusal is logged, the values are not.
    expect((await b.post('/api/session/guest', { ...CANARY, email: `${CANARY.firstName} at nowhere` })).status).toBe(400);
    expect((await b.post('/api/session/guest', { ...CANARY, dob: '1971-02-30' })).status).toBe(400);

    expect((await b.post('/api/session/guest', CANARY)).status).toBe(201);
    keep();
    const intake = async (kind: string) => {
      const r = await b.post('/api/intakes', { kind, reason: REASON, state: 'CA', phone: CANARY.phone });
      expect(r.status).toBe(201);
      keep();
      return ((await r.json()) as { id: string }).id;
    };

    // Walk-in, invite, handoff into it, leave it.
    const walkIntake = await intake('walkin');
    const walk = visit.parse(await (await b.post('/api/walkins', { intakeId: walkIntake }, { 'Idempotency-Key': newKey() })).json());
    invite.parse(await (await b.post(`/api/visits/${walk.id}/invite`, {})).json());
    for (const body of [{ target: 'visit', visitId: walk.id }, { target: 'dashboard' }]) {
      const h = handoff.parse(await (await b.post('/api/handoff', body)).json());
      handoffTokens.add(new URL(h.url).searchParams.get('sso_token')!);
    }
    expect((await b.post(`/api/visits/${walk.id}/cancel`, { reason: 'patient_exit_room' })).status).toBe(200);

    // Appointment: book, reschedule, list, read.
    const apptIntake = await intake('appointment');
    const slots = await slotsFor(b, apptIntake);
    const appt = visit.parse(await (await b.post('/api/appointments', { intakeId: apptIntake, ...slots[1]! }, { 'Idempotency-Key': newKey() })).json());
    expect((await b.post(`/api/visits/${appt.id}/reschedule`, slots[4]!, { 'Idempotency-Key': newKey() })).status).toBe(200);
    expect((await b.get('/api/visits')).status).toBe(200);
    expect((await b.get(`/api/visits/${appt.id}`)).status).toBe(200);

    // A completed visit's summary.
    const done = visit.parse(await (await b.post('/api/walkins', { intakeId: await intake('walkin') }, { 'Idempotency-Key': newKey() })).json());
    await complete(server, done.id);
    expect((await b.get(`/api/visits/${done.id}/summary`)).status).toBe(200);

    // A failing VSee, and a booking whose answer is lost (the proxy looks for it).
    await injectFault(server, { route: 'GET /visits', kind: 'error', status: 500, times: 3 });
    expect((await b.get('/api/visits')).status).toBe(502);
    await injectFault(server, { route: 'POST /visits/add_walkin', kind: 'latency', ms: 1000, processed: true, times: 1 });
    expect((await b.post('/api/walkins', { intakeId: await intake('walkin') }, { 'Idempotency-Key': newKey() })).status).toBe(201);

    // Insurance with a holder who is someone else, its check answered by webhook; a forged webhook.
    expect((await b.post('/api/payment', { method: 'insurance', primary: { insurerId: 'car7551', memberId: INSURANCE.memberId, groupNumber: INSURANCE.group }, holder: { relation: 'other', ...INSURANCE.holder } })).status).toBe(200);
    await server.sandbox.advance(10);
    await server.webhooks!.idle();
    expect((await b.get('/api/coverage')).status).toBe(200);
    expect((await server.app.request(`/webhooks/vsee/${server.config.webhookSecret!.slice(0, -2)}zz`, { method: 'POST', body: '{}' })).status).toBe(404);

    // Refusals: no CSRF header, a foreign origin, another patient's visit, too large, malformed.
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: REASON, state: 'CA' }, { 'X-Frontdesk': '0' })).status).toBe(403);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: REASON, state: 'CA' }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await b.get('/api/visits/67258')).status).toBe(404);
    expect((await b.post('/api/intakes', { kind: 'walkin', reason: `${REASON} ${'x'.repeat(20_000)}`, state: 'CA' })).status).toBe(413);
    expect((await b.request('POST', '/api/intakes', undefined, { 'Content-Type': 'application/json' })).status).toBe(400);
    keep();
    // Too many session starts from one address.
    const flood = browser(server, undefined, { address: '203.0.113.50' });
    let limited = false;
    for (let i = 0; i < 22 && !limited; i++) limited = (await flood.post('/api/session/guest', CANARY)).status === 429;
    expect(limited).toBe(true);
    for (const v of flood.jar.values()) cookies.add(v);

    expect((await b.del('/api/session')).status).toBe(204);
    // A request without a session: 401; one with a tampered cookie: 401.
    expect((await browser(server).get('/api/visits')).status).toBe(401);
    expect((await browser(server).get('/api/visits', { Cookie: `__Host-frontdesk=${[...cookies][0]}x` })).status).toBe(401);

    // ---- what must never be in the logs ----------------------------------------------------
    const me = [...server.sandbox.store.users.values()].filter((u) => u.lastName === CANARY.lastName);
    expect(me.length).toBeGreaterThan(0);
    const secrets: [string, string][] = [
      ['first name', CANARY.firstName],
      ['last name', CANARY.lastName],
      ['birth date', CANARY.dob],
      ['birth date (US)', '02/03/1971'],
      ['birth date (digits)', '19710203'],
      ['email', CANARY.email],
      ['email user', 'zebulon.quackenbush'],
      ['phone', CANARY.phone],
      ['phone digits', '5550139876'],
      ['reason for visit', 'purple hiccups'],
      ['insurance member ID', INSURANCE.memberId],
      ['insurance group number', INSURANCE.group],
      ['insurance holder first name', INSURANCE.holder.firstName],
      ['insurance holder last name', INSURANCE.holder.lastName],
      ['insurance holder birth date', INSURANCE.holder.dob],
      ['webhook secret', server.config.webhookSecret!],
      ['VSee API key', SANDBOX.apiKey],
      ['VSee API secret', SANDBOX.apiSecret],
      ...me.map((u) => ['VSee user code', u.code] as [string, string]),
      ...[...server.sandbox.store.tokens.values()].flatMap((t) => [
        ['VSee token', t.token] as [string, string],
        ['VSee refresh token', t.refreshToken] as [string, string],
      ]),
      ...[...handoffTokens].map((t) => ['handoff SSO token', t] as [string, string]),
      ...[...cookies].map((c) => ['cookie value', c] as [string, string]),
      ...[...cookies].map((c) => ['cookie value (part)', c.split('.')[4] ?? c] as [string, string]),
    ];
    const logs = server.logs.join('');
    // The logs are there to search (a silent logger would pass vacuously).
    const events = server.logs.map((l) => (JSON.parse(l) as { audit?: string }).audit).filter(Boolean);
    for (const e of ['session_start', 'sso_mint', 'booking', 'reschedule', 'cancel', 'invite', 'summary_download', 'handoff', 'session_end', 'refused']) {
      expect(events, `audit event ${e}`).toContain(e);
    }
    for (const [what, value] of secrets) {
      expect(value.length, what).toBeGreaterThan(4);
      expect(logs.toLowerCase().includes(value.toLowerCase()), `${what} appears in the logs`).toBe(false);
    }
  });
});
