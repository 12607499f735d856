import { describe, expect, it } from 'vitest';
import { CLOSE_REASONS, statusFromVsee, VISIT_STATUS } from '../../../server/vsee/codes';
import { closed, envelope, personName, visit } from '../../../server/vsee/schemas';
import { laMarch, setup, T0_SEC, type Raw } from './support';

const SLOT_TAKEN = { code: 400, message: 'The selected time slot is no longer available.' };
const NOT_AVAILABLE = { code: 404, message: 'Sorry, this page is not available.' };

describe('booking an appointment (POST /appointments, POST /visits)', () => {
  it('books a free slot and answers with the full numeric visit shape', async () => {
    const t = setup();
    const { token, id: memberId } = await t.sso();
    const intakeId = await t.intake(token, { type: 2, reason_for_visit: 'Check-up' });
    const start = laMarch(6, 10);
    const res = await t.post('/appointments', token, {
      member_id: memberId,
      slot_start: start,
      slot_end: start + 900,
      type: 2,
      intakeId,
    });
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    const d = raw.data;
    expect(typeof d.id).toBe('string');
    expect(Number(d.id)).toBeGreaterThanOrEqual(67258);
    expect(d).toMatchObject({
      member_id: Number(memberId),
      provider_id: 10001,
      start,
      end: start + 900,
      status: 20,
      type: 2,
      subType: 3,
      subtype: 3,
      room_code: 'sandbox',
      intake_id: intakeId,
      one_time_link_token: null,
      actual_start: null,
      account_code: 'demo',
    });
    expect(typeof d.room_id).toBe('number');
    expect(d.code).toMatch(/^[0-9a-f]{32}$/);
    expect(d.provider).toMatchObject({ id: '10001', full_name: 'Amara Okafor', title: 'Dr.' });
    expect(d.member).toMatchObject({ id: memberId, full_name: 'Pat Tester' });
    expect(d.hosts).toHaveLength(1);
    expect(d.meeting).toHaveProperty('meeting_id');
    expect(d.payment).toHaveProperty('amount');
    expect(d.intake).toMatchObject({ id: intakeId, reason_for_visit: 'Check-up', visit_id: d.id });
    expect(d.room).toMatchObject({ code: 'sandbox', name: 'Sandbox Clinic' });
    expect(d.account).toMatchObject({ code: 'demo' });

    const parsed = envelope(visit).parse(raw).data;
    expect(parsed).toMatchObject({ id: d.id, member_id: memberId, provider_id: '10001', start, status: 20, type: 2 });
    expect(personName(parsed.provider)).toBe('Dr. Amara Okafor');
    expect(statusFromVsee(parsed.status)).toBe('confirmed');

    // The slot is now gone for that provider.
    const slots = await t.slots(token, start, start + 900);
    expect(slots.find((s) => s.start === start)?.providers).toEqual(['10003']);
  });

  it('refuses a second booking of the same slot with the same provider', async () => {
    const t = setup();
    const a = await t.sso();
    const b = await t.sso();
    const start = laMarch(6, 10, 30);
    const fields = { slot_start: start, slot_end: start + 900, type: 2, provider_id: '10001' };
    expect((await t.post('/visits', a.token, fields)).status).toBe(200);
    const second = await t.post('/visits', b.token, fields);
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual(SLOT_TAKEN);
    // Without a provider the other free provider (Dr. Chen on Thursday) takes it, then it is full.
    const third: Raw = await (await t.post('/visits', b.token, { slot_start: start, slot_end: start + 900, type: 2 }, 'json')).json();
    expect(third.data.provider_id).toBe(10003);
    const fourth = await t.post('/visits', b.token, { slot_start: start, slot_end: start + 900, type: 2 }, 'form');
    expect(fourth.status).toBe(400);
    expect(await fourth.json()).toEqual(SLOT_TAKEN);
  });

  it.each([
    ['in the past', laMarch(5, 9), undefined],
    ['off the grid', laMarch(6, 10, 5), undefined],
    ['outside opening hours', laMarch(8, 10), undefined],
    ['already held by a seeded appointment', laMarch(6, 9), '10001'],
  ])('refuses a slot %s', async (_name, start, providerId) => {
    const t = setup();
    const { token } = await t.sso();
    const res = await t.post('/visits', token, {
      slot_start: start,
      slot_end: start + 900,
      type: 2,
      ...(providerId ? { provider_id: providerId } : {}),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(SLOT_TAKEN);
  });

  it('validates its parameters', async () => {
    const t = setup();
    const { token } = await t.sso();
    const other = await t.sso();
    const start = laMarch(6, 11);
    const noStart = await t.post('/visits', token, { slot_end: start + 900, type: 2 });
    expect(noStart.status).toBe(400);
    expect(((await noStart.json()) as Raw).message).toMatch(/slot_start/);
    expect((await t.post('/visits', token, { slot_start: start, slot_end: start + 900, member_id: other.id })).status).toBe(403);
    const foreignIntake = await t.intake(other.token);
    expect((await t.post('/visits', token, { slot_start: start, slot_end: start + 900, intakeId: foreignIntake })).status).toBe(404);
    expect((await t.post('/visits', null, { slot_start: start, slot_end: start + 900 })).status).toBe(401);
  });

  it('issues a one-time link token when the room setting is on', async () => {
    const t = setup();
    const { token } = await t.sso();
    const on = await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ oneTimeLinks: true }) });
    expect(on.status).toBe(200);
    const start = laMarch(6, 11);
    const raw: Raw = await (await t.post('/visits', token, { slot_start: start, slot_end: start + 900, type: 2 })).json();
    expect(raw.data.one_time_link_token).toMatch(/^[a-z0-9]{10}$/);
  });
});

describe('POST /visits/add_walkin', () => {
  it('queues a walk-in, answering in the string-typed sample shape', async () => {
    const t = setup();
    const { token, id: memberId } = await t.sso({ first_name: 'Wanda', last_name: 'Walker' });
    const intakeId = await t.intake(token);
    const res = await t.post('/visits/add_walkin', token, { intake_id: intakeId, room_code: 'sandbox' });
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    const d = raw.data;
    expect(d).toMatchObject({
      member_id: memberId,
      provider_id: '0',
      status: '10',
      type: '1',
      start: String(T0_SEC),
      end: String(T0_SEC + 900),
      created: T0_SEC,
      modified: T0_SEC,
      actual_start: null,
      provider: null,
    });
    expect(typeof d.id).toBe('string');
    expect(d._id).toBe(d.id);
    expect(d.code).toMatch(/^[0-9a-f]{32}$/);
    expect(d.payment).toMatchObject({ duration: 15, amount: '00.00' });
    expect(d.intake).toMatchObject({ id: intakeId, visit_id: d.id });
    expect(d.member).toMatchObject({ id: memberId, first_name: 'Wanda', last_name: 'Walker' });
    const parsed = envelope(visit).parse(raw).data;
    expect(parsed).toMatchObject({ id: d.id, start: T0_SEC, end: T0_SEC + 900, type: 1 });
    expect(statusFromVsee(parsed.status)).toBe('pending');
  });

  it('names the provider when provider_id is given', async () => {
    const t = setup();
    const { token } = await t.sso();
    const d = await t.walkin(token, { provider_id: '10002' });
    expect(d.provider_id).toBe('10002');
    expect(d.provider).toMatchObject({ id: '10002', first_name: 'Luis', last_name: 'Herrera', title: 'Dr.' });
  });

  it('requires an own intake and an open room that takes walk-ins', async () => {
    const t = setup();
    const { token } = await t.sso();
    const other = await t.sso();
    const missing = await t.post('/visits/add_walkin', token, { room_code: 'sandbox' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Raw).message).toMatch(/intake_id/);
    const foreign = await t.intake(other.token);
    expect((await t.post('/visits/add_walkin', token, { intake_id: foreign })).status).toBe(404);

    const mine = await t.intake(token);
    await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ isClosed: true, closeMsg: 'Back at 8 am.' }) });
    const closedRoom = await t.post('/visits/add_walkin', token, { intake_id: mine });
    expect(closedRoom.status).toBe(400);
    expect(await closedRoom.json()).toEqual({ code: 400, message: 'Back at 8 am.' });
    await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ isClosed: false, walkinEnabled: false }) });
    expect((await t.post('/visits/add_walkin', token, { intake_id: mine })).status).toBe(400);
  });
});

describe('reading visits', () => {
  it('lists only the caller’s visits, sorted by start, with string fields', async () => {
    const t = setup();
    const me = await t.sso();
    const other = await t.sso();
    const later = laMarch(7, 10);
    const sooner = laMarch(6, 10);
    await t.post('/visits', me.token, { slot_start: later, slot_end: later + 900, type: 2 });
    await t.post('/visits', me.token, { slot_start: sooner, slot_end: sooner + 900, type: 2 });
    const w = await t.walkin(me.token);
    await t.walkin(other.token);
    const raw: Raw = await (await t.get('/visits', me.token)).json();
    expect(raw.data.map((v: Raw) => v.start)).toEqual([String(T0_SEC), String(sooner), String(later)]);
    expect(raw.data[0].id).toBe(w.id);
    for (const v of raw.data) {
      expect(v.member_id).toBe(me.id);
      for (const key of ['id', 'member_id', 'provider_id', 'start', 'end', 'status', 'type', 'subtype']) {
        expect(typeof v[key], key).toBe('string');
      }
      expect(typeof v.created).toBe('number');
    }
    expect(raw.data[1]).toMatchObject({ status: '20', type: '2', subtype: '3', provider_id: '10001' });
    expect(raw.data[1].provider).toMatchObject({ first_name: 'Amara', last_name: 'Okafor' });
    const parsed = envelope(visit.array()).parse(raw).data;
    expect(parsed.map((v) => v.start)).toEqual([T0_SEC, sooner, later]);
  });

  it('reads one visit in the numeric detail shape and hides other people’s', async () => {
    const t = setup();
    const me = await t.sso();
    const other = await t.sso();
    const start = laMarch(6, 10);
    const booked: Raw = await (await t.post('/visits', me.token, { slot_start: start, slot_end: start + 900, type: 2, intake_id: await t.intake(me.token) })).json();
    const res = await t.get(`/visits/${booked.data.id}.json`, me.token);
    expect(res.status).toBe(200);
    const d = ((await res.json()) as Raw).data;
    expect(d).toMatchObject({ id: booked.data.id, member_id: Number(me.id), provider_id: 10001, start, end: start + 900, status: 20, type: 2, subType: 3, subtype: 3 });
    expect(d.provider.full_name).toBe('Amara Okafor');
    // VSee's detail carries medical history; the sandbox sends it too so the proxy must drop it.
    expect(d.intake.medical_profile).toBeDefined();
    expect(d).toHaveProperty('prescriptions');

    const theirs = await t.get(`/visits/${booked.data.id}`, other.token);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(NOT_AVAILABLE);
    expect(await (await t.get('/visits/999999', me.token)).json()).toEqual(NOT_AVAILABLE);
  });
});

describe('POST /visits/close', () => {
  it.each(CLOSE_REASONS)('cancels a waiting walk-in with reason %s', async (reason) => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    t.clock.ms += 60_000;
    const res = await t.post('/visits/close', token, { id: w.id, reason });
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    expect(raw).toEqual({ data: { id: w.id } });
    expect(typeof raw.data.id).toBe('string');
    expect(envelope(closed).parse(raw).data.id).toBe(w.id);
    const d = ((await (await t.get(`/visits/${w.id}`, token)).json()) as Raw).data;
    expect(d.status).toBe(VISIT_STATUS.cancelled);
    expect(d.modified).toBe(T0_SEC + 60);
    expect(t.sandbox.store.visits.get(w.id)?.closeReason).toBe(reason);
  });

  it('cancels a confirmed appointment and frees its slot', async () => {
    const t = setup();
    const { token } = await t.sso();
    const start = laMarch(6, 11);
    const booked: Raw = await (await t.post('/visits', token, { slot_start: start, slot_end: start + 900, provider_id: '10001' })).json();
    expect((await t.post('/visits/close', token, { id: booked.data.id, reason: 'patient_cancel_appointment' }, 'form')).status).toBe(200);
    expect((await t.post('/visits', token, { slot_start: start, slot_end: start + 900, provider_id: '10001' })).status).toBe(200);
  });

  it('refuses a missing or unknown reason, a closed visit and someone else’s visit', async () => {
    const t = setup();
    const { token } = await t.sso();
    const other = await t.sso();
    const w = await t.walkin(token);
    const noReason = await t.post('/visits/close', token, { id: w.id });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as Raw).message).toMatch(/reason/);
    const badReason = await t.post('/visits/close', token, { id: w.id, reason: 'bored' }, 'json');
    expect(badReason.status).toBe(400);
    expect(((await badReason.json()) as Raw).message).toMatch(/patient_end_call/);
    expect((await t.post('/visits/close', other.token, { id: w.id, reason: 'patient_exit_room' })).status).toBe(404);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.pending);
    expect((await t.post('/visits/close', token, { id: w.id, reason: 'patient_exit_room' })).status).toBe(200);
    const again = await t.post('/visits/close', token, { id: w.id, reason: 'patient_exit_room' });
    expect(again.status).toBe(400);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.cancelled);
  });

  it('completes a visit in progress when the patient ends the call', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    expect((await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' })).status).toBe(303);
    t.clock.ms += 300_000;
    expect((await t.post('/visits/close', token, { id: w.id, reason: 'patient_end_call' })).status).toBe(200);
    const d = ((await (await t.get(`/visits/${w.id}`, token)).json()) as Raw).data;
    expect(d.status).toBe(VISIT_STATUS.completed);
    expect(d.actual_end).toBe(T0_SEC + 300);
  });
});

describe('GET /visits/current', () => {
  it('is 404 until one of the caller’s visits is in progress, then answers that visit with string fields', async () => {
    const t = setup();
    const me = await t.sso();
    const other = await t.sso();
    await t.book(me.token, laMarch(6, 10));
    const w = await t.walkin(me.token);
    const theirs = await t.walkin(other.token);
    const none = await t.get('/visits/current', me.token);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual(NOT_AVAILABLE);

    // Someone else's visit in progress is not the caller's current visit.
    expect((await t.request(`/vc/providers/visits/${theirs.id}/start`, { method: 'POST' })).status).toBe(303);
    expect((await t.get('/visits/current.json', me.token)).status).toBe(404);

    expect((await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' })).status).toBe(303);
    const res = await t.get('/visits/current.json', me.token);
    expect(res.status).toBe(200);
    const d = ((await res.json()) as Raw).data;
    expect(d).toMatchObject({ id: w.id, member_id: me.id, provider_id: '10001', status: '30', type: '1', start: String(T0_SEC), account_code: 'demo' });
    expect(d.provider).toMatchObject({ id: '10001', first_name: 'Amara', last_name: 'Okafor' });
    expect(envelope(visit).parse({ data: d }).data).toMatchObject({ id: w.id, status: '30' });

    // Once it ends there is no current visit again.
    expect((await t.post('/visits/close', me.token, { id: w.id, reason: 'patient_end_call' })).status).toBe(200);
    expect((await t.get('/visits/current', me.token)).status).toBe(404);
    expect((await t.get('/visits/current', null)).status).toBe(401);
  });
});

describe('POST /visits/delete', () => {
  it.each(['multipart', 'form', 'json'] as const)('force-cancels the caller’s appointment (%s) and frees its slot', async (encoding) => {
    const t = setup();
    const { token } = await t.sso();
    const start = laMarch(6, 10);
    const booked = await t.book(token, start, { provider_id: '10001' });
    t.clock.ms += 30_000;
    const res = await t.post('/visits/delete', token, { id: booked.id }, encoding);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { id: booked.id } });
    const d = ((await (await t.get(`/visits/${booked.id}`, token)).json()) as Raw).data;
    expect(d).toMatchObject({ status: VISIT_STATUS.cancelled, modified: T0_SEC + 30 });
    expect((await t.slots(token, start, start + 900))[0]?.providers).toContain('10001');
  });

  it('cancels a visit in progress too, but not a finished one, nor someone else’s', async () => {
    const t = setup();
    const { token } = await t.sso();
    const other = await t.sso();
    const w = await t.walkin(token);
    const missing = await t.post('/visits/delete', token, {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Raw).message).toMatch(/id/);
    const theirs = await t.post('/visits/delete', other.token, { id: w.id });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(NOT_AVAILABLE);
    expect((await t.post('/visits/delete', null, { id: w.id })).status).toBe(401);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.pending);

    expect((await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' })).status).toBe(303);
    expect((await t.post('/visits/delete', token, { id: w.id })).status).toBe(200);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.cancelled);
    const again = await t.post('/visits/delete', token, { id: w.id });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ code: 400, message: 'This visit is already closed.' });
  });
});
