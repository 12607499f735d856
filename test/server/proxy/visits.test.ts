import { describe, expect, it } from 'vitest';
import { apiError, handoff, invite, visit, visitList, type Slot } from '../../../src/api/contract';
import { bookAppointment, browser, complete, guestWithIntake, joinWalkin, makeServer, newKey, slotsFor } from '../../support/server';

const DAY = 86_400_000;

describe('my visits', () => {
  it('lists upcoming and past visits of this patient only', async () => {
    const server = makeServer();
    const b = browser(server);
    const appt = await bookAppointment(b);
    const intakeId = await (async () => {
      const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Rash', state: 'NY' });
      return ((await i.json()) as { id: string }).id;
    })();
    const walk = visit.parse(await (await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).json());
    await b.post(`/api/visits/${walk.id}/cancel`, { reason: 'patient_exit_room' });

    const other = browser(server);
    await bookAppointment(other);

    const list = visitList.parse(await (await b.get('/api/visits')).json());
    expect(list.upcoming.map((v) => v.id)).toEqual([appt.id]);
    expect(list.past.map((v) => [v.id, v.status])).toEqual([[walk.id, 'cancelled']]);
  });

  it('needs a session', async () => {
    expect((await browser(makeServer()).get('/api/visits')).status).toBe(401);
  });
});

describe('e-consult', () => {
  it('creates an asynchronous visit waiting for a provider to accept it', async () => {
    const b = browser(makeServer());
    const intakeId = await guestWithIntake(b, 'appointment');
    const i = await b.post('/api/intakes', { kind: 'econsult', reason: 'Question about my prescription', state: 'CA' });
    const econsultIntake = ((await i.json()) as { id: string }).id;
    expect(econsultIntake).not.toBe(intakeId);
    const res = await b.post('/api/econsults', { intakeId: econsultIntake }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    expect(visit.parse(await res.json())).toMatchObject({ kind: 'econsult', status: 'confirmed', provider: null });
  });

  it('is refused when the clinic does not take e-consults', async () => {
    const b = browser(makeServer({ ECONSULT: 'false' }));
    const intakeId = await guestWithIntake(b);
    expect((await b.post('/api/econsults', { intakeId }, { 'Idempotency-Key': newKey() })).status).toBe(403);
  });
});

describe('reschedule', () => {
  it('moves an upcoming appointment to another free slot, once per key', async () => {
    const server = makeServer();
    const b = browser(server);
    const appt = await bookAppointment(b);
    const free = await slotsFor(b, { visitId: appt.id });
    const target = free.find((s: Slot) => s.start !== appt.start && Date.parse(s.start) > Date.parse(appt.start) + DAY)!;
    const key = newKey();
    const res = await b.post(`/api/visits/${appt.id}/reschedule`, { start: target.start, end: target.end }, { 'Idempotency-Key': key });
    expect(res.status).toBe(200);
    const moved = visit.parse(await res.json());
    expect(moved).toMatchObject({ id: appt.id, start: target.start, end: target.end, status: 'confirmed' });
    const again = await b.post(`/api/visits/${appt.id}/reschedule`, { start: target.start, end: target.end }, { 'Idempotency-Key': key });
    expect(visit.parse(await again.json())).toEqual(moved);
    expect(visit.parse(await (await b.get(`/api/visits/${appt.id}`)).json()).start).toBe(target.start);
  });

  it('says slot_taken when the new time was booked by someone else', async () => {
    const server = makeServer();
    const a = browser(server);
    const b = browser(server);
    const appt = await bookAppointment(a);
    const ib = await guestWithIntake(b);
    const single = (await slotsFor(b, { intakeId: ib })).find((s) => s.providerIds.length === 1 && s.start !== appt.start)!;
    expect((await b.post('/api/appointments', { intakeId: ib, start: single.start, end: single.end }, { 'Idempotency-Key': newKey() })).status).toBe(201);
    // Only if no other provider is free then: the sandbox lists free providers per slot.
    const res = await a.post(`/api/visits/${appt.id}/reschedule`, { start: single.start, end: single.end }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(409);
    expect(apiError.parse(await res.json()).error.code).toBe('slot_taken');
  });

  it('cannot move another patient’s appointment', async () => {
    const server = makeServer();
    const owner = browser(server);
    const appt = await bookAppointment(owner);
    const other = browser(server);
    await guestWithIntake(other);
    const res = await other.post(`/api/visits/${appt.id}/reschedule`, { start: appt.start, end: appt.end }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(404);
    const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + DAY).toISOString(), visitId: appt.id });
    expect((await other.get(`/api/availability?${q}`)).status).toBe(404);
  });
});

describe('cancel', () => {
  it('cancels an upcoming appointment with the patient’s reason', async () => {
    const server = makeServer();
    const b = browser(server);
    const appt = await bookAppointment(b);
    const res = await b.post(`/api/visits/${appt.id}/cancel`, { reason: 'patient_cancel_appointment' });
    expect(visit.parse(await res.json()).status).toBe('cancelled');
    expect(server.sandbox.store.visits.get(appt.id)?.closeReason).toBe('patient_cancel_appointment');
  });

  it('closes a walk-in for waiting too long only once the clinic’s limit has passed', async () => {
    const server = makeServer({ WALKIN_MAX_WAIT_MINUTES: '10' });
    const b = browser(server);
    const w = await joinWalkin(b);
    const early = await b.post(`/api/visits/${w.id}/cancel`, { reason: 'max_waiting_time_reached' });
    expect(early.status).toBe(400);
    server.clock.now += 10 * 60_000;
    const late = await b.post(`/api/visits/${w.id}/cancel`, { reason: 'max_waiting_time_reached' });
    expect(late.status).toBe(200);
    expect(server.sandbox.store.visits.get(w.id)?.closeReason).toBe('max_waiting_time_reached');
  });
});

describe('guest invite', () => {
  it('gives the portal join link of a waiting walk-in, which lets a guest in', async () => {
    const server = makeServer();
    const b = browser(server);
    const w = await joinWalkin(b);
    const res = await b.post(`/api/visits/${w.id}/invite`);
    expect(res.status).toBe(200);
    const { url } = invite.parse(await res.json());
    const code = server.sandbox.store.visits.get(w.id)!.code;
    expect(url).toBe(`http://localhost:8080/sandbox/vc/visits/join/${code}`);
    const page = await server.app.request(new URL(url).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Join as a guest');
  });

  it('is refused for a cancelled visit and for another patient’s visit', async () => {
    const server = makeServer();
    const b = browser(server);
    const w = await joinWalkin(b);
    const other = browser(server);
    await guestWithIntake(other);
    expect((await other.post(`/api/visits/${w.id}/invite`)).status).toBe(404);
    await b.post(`/api/visits/${w.id}/cancel`, { reason: 'patient_exit_room' });
    expect((await b.post(`/api/visits/${w.id}/invite`)).status).toBe(409);
  });
});

describe('visit summary', () => {
  it('downloads the PDF of a completed visit through the proxy', async () => {
    const server = makeServer();
    const b = browser(server);
    const w = await joinWalkin(b);
    expect((await b.get(`/api/visits/${w.id}/summary`)).status).toBe(409);
    await complete(server, w.id);
    const v = visit.parse(await (await b.get(`/api/visits/${w.id}`)).json());
    expect(v).toMatchObject({ status: 'completed', hasSummary: true });
    const res = await b.get(`/api/visits/${w.id}/summary`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="visit-summary-${w.id}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(w.id);
  });
});

describe('dashboard handoff', () => {
  it('goes to /u/clinic, with disable_navigation when configured', async () => {
    for (const [env, suffix] of [[{}, ''], [{ VSEE_DISABLE_NAVIGATION: 'true' }, '&disable_navigation=1']] as const) {
      const b = browser(makeServer(env));
      await guestWithIntake(b);
      const { url } = handoff.parse(await (await b.post('/api/handoff', { target: 'dashboard' })).json());
      expect(url).toMatch(new RegExp(`^http://localhost:8080/sandbox/vc/auth\\?sso_token=[0-9a-f]{32}&next=/u/clinic${suffix}$`));
    }
  });
});

describe('token lifecycle', () => {
  it('re-mints the patient’s VSee token with the stored user code when VSee says it expired, and retries once', async () => {
    const server = makeServer();
    const b = browser(server);
    const w = await joinWalkin(b);
    const tokensBefore = server.sandbox.store.tokens.size;
    const expire = await server.app.request('/sandbox/control/expire-tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(expire.status).toBeLessThan(300);
    const res = await b.get(`/api/visits/${w.id}`);
    expect(res.status).toBe(200);
    expect(visit.parse(await res.json()).id).toBe(w.id);
    expect(server.sandbox.store.tokens.size).toBe(tokensBefore + 1);
    // The new token went into the cookie: the next call needs no further re-mint.
    await b.get(`/api/visits/${w.id}`);
    expect(server.sandbox.store.tokens.size).toBe(tokensBefore + 1);
  });
});
