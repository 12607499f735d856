import { describe, expect, it } from 'vitest';
import { VISIT_STATUS } from '../../../server/vsee/codes';
import { envelope, visit } from '../../../server/vsee/schemas';
import { laMarch, setup, T0_SEC, type Raw } from './support';

const SLOT_TAKEN = { code: 400, message: 'The selected time slot is no longer available.' };
const NOT_AVAILABLE = { code: 404, message: 'Sorry, this page is not available.' };
const OKAFOR = '10001';
const HERRERA = '10002';
const CHEN = '10003';

const update = (t: ReturnType<typeof setup>, id: string, token: string | null, fields: Record<string, string | number>, encoding?: 'json' | 'form' | 'multipart') =>
  t.post(`/visits/${id}?version=2`, token, fields, encoding);

describe('POST /visits/:id?version=2 (update an appointment)', () => {
  it('moves an appointment to a free slot, keeping its provider, and answers the GET /visits/:id shape', async () => {
    const t = setup();
    const { token, id: memberId } = await t.sso();
    // Chen (10003) rather than Okafor (10001), so "keeps its provider" differs from "first free".
    const booked = await t.book(token, laMarch(6, 10), { provider_id: CHEN, intake_id: await t.intake(token, { type: 2 }) });
    t.clock.ms += 60_000;
    const to = laMarch(6, 11);
    const res = await update(t, booked.id, token, { slot_start: to, slot_end: to + 900 });
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    const d = raw.data;
    expect(d).toMatchObject({
      id: booked.id,
      code: booked.code,
      member_id: Number(memberId),
      provider_id: Number(CHEN),
      start: to,
      end: to + 900,
      status: VISIT_STATUS.confirmed,
      type: 2,
      subType: 3,
      modified: T0_SEC + 60,
      created: T0_SEC,
    });
    expect(d.provider.full_name).toBe('Mei Chen');
    // The same detail shape as GET /visits/:id, medical profile included.
    expect(d.intake.medical_profile).toBeDefined();
    const detail: Raw = await (await t.get(`/visits/${booked.id}`, token)).json();
    expect(Object.keys(d).sort()).toEqual(Object.keys(detail.data).sort());
    expect(detail.data).toMatchObject({ start: to, end: to + 900, provider_id: Number(CHEN) });
    expect(envelope(visit).parse(raw).data).toMatchObject({ start: to, provider_id: CHEN });

    // The old time is free again for Chen; the new one is not.
    const slots = await t.slots(token, laMarch(6, 10), laMarch(6, 11, 15));
    expect(slots.find((s) => s.start === laMarch(6, 10))?.providers).toEqual([OKAFOR, CHEN]);
    expect(slots.find((s) => s.start === to)?.providers).toEqual([OKAFOR]);
  });

  it('does not count the appointment’s own current time as taken', async () => {
    const t = setup();
    const { token } = await t.sso();
    const from = laMarch(6, 10);
    const booked = await t.book(token, from, { provider_id: OKAFOR, slot_end: from + 1800 });
    // Same time, same provider: a no-op, not a clash with itself.
    const same = await update(t, booked.id, token, { slot_start: from, slot_end: from + 1800, provider_id: OKAFOR }, 'json');
    expect(same.status).toBe(200);
    // Fifteen minutes later overlaps its own current half hour only.
    const res = await update(t, booked.id, token, { slot_start: from + 900, slot_end: from + 2700, provider_id: OKAFOR }, 'form');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Raw).data).toMatchObject({ start: from + 900, end: from + 2700, provider_id: 10001 });
  });

  it('moves to the named provider, and provider_id 0 means any free provider', async () => {
    const t = setup();
    const { token } = await t.sso();
    const booked = await t.book(token, laMarch(6, 10), { provider_id: OKAFOR });
    const friday = laMarch(7, 15);
    const herrera: Raw = await (await update(t, booked.id, token, { slot_start: friday, slot_end: friday + 900, provider_id: HERRERA })).json();
    expect(herrera.data).toMatchObject({ provider_id: 10002, start: friday });
    expect(herrera.data.provider.full_name).toBe('Luis Herrera');
    // Thursday 11:00: Herrera does not work mornings, so "any" picks the first free provider.
    const thursday = laMarch(6, 11);
    const any: Raw = await (await update(t, booked.id, token, { slot_start: thursday, slot_end: thursday + 900, provider_id: 0 }, 'json')).json();
    expect(any.data).toMatchObject({ provider_id: 10001, start: thursday });
  });

  it('refuses a slot that is taken, off the schedule or in the past, and leaves the appointment as it was', async () => {
    const t = setup();
    const { token } = await t.sso();
    const from = laMarch(6, 10);
    const booked = await t.book(token, from, { provider_id: OKAFOR });
    // 09:00 Thursday is the seeded appointment of Maria Lopez with Dr. Okafor.
    const taken = await update(t, booked.id, token, { slot_start: laMarch(6, 9), slot_end: laMarch(6, 9) + 900, provider_id: OKAFOR });
    expect(taken.status).toBe(400);
    expect(await taken.json()).toEqual(SLOT_TAKEN);
    // Saturday: nobody works.
    const weekend = await update(t, booked.id, token, { slot_start: laMarch(8, 10), slot_end: laMarch(8, 10) + 900 });
    expect(await weekend.json()).toEqual(SLOT_TAKEN);
    const offGrid = await update(t, booked.id, token, { slot_start: from + 300, slot_end: from + 1200 });
    expect(await offGrid.json()).toEqual(SLOT_TAKEN);
    const past = await update(t, booked.id, token, { slot_start: T0_SEC - 3600, slot_end: T0_SEC - 2700 });
    expect(past.status).toBe(400);
    expect(await past.json()).toEqual({ code: 400, message: 'The new time must be in the future.' });
    const unknownProvider = await update(t, booked.id, token, { slot_start: laMarch(6, 11), slot_end: laMarch(6, 11) + 900, provider_id: '99999' });
    expect(unknownProvider.status).toBe(400);
    expect(((await unknownProvider.json()) as Raw).message).toBe('Provider not found.');
    const noStart = await update(t, booked.id, token, { slot_end: from + 900 });
    expect(noStart.status).toBe(400);
    expect(((await noStart.json()) as Raw).message).toMatch(/slot_start/);
    const backwards = await update(t, booked.id, token, { slot_start: laMarch(6, 11), slot_end: laMarch(6, 11) - 900 });
    expect(backwards.status).toBe(400);

    const v = t.sandbox.store.visits.get(booked.id);
    expect([v?.start, v?.end, v?.providerId, v?.modified]).toEqual([from, from + 900, OKAFOR, T0_SEC]);
  });

  it('updates only the caller’s own pending or confirmed appointment', async () => {
    const t = setup();
    const me = await t.sso();
    const other = await t.sso();
    const to = laMarch(6, 11);
    const slot = { slot_start: to, slot_end: to + 900 };
    const booked = await t.book(me.token, laMarch(6, 10));

    const theirs = await update(t, booked.id, other.token, slot);
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual(NOT_AVAILABLE);
    expect(await (await update(t, '999999', me.token, slot)).json()).toEqual(NOT_AVAILABLE);
    expect((await update(t, booked.id, null, slot)).status).toBe(401);
    expect((await update(t, booked.id, me.token, { ...slot, member_id: other.id })).status).toBe(403);

    const walkin = await t.walkin(me.token);
    const notAppointment = await update(t, walkin.id, me.token, slot);
    expect(notAppointment.status).toBe(400);
    expect(await notAppointment.json()).toEqual({ code: 400, message: 'Only an appointment can be updated.' });

    const started = await t.book(me.token, laMarch(5, 11));
    expect((await t.request(`/vc/providers/visits/${started.id}/start`, { method: 'POST' })).status).toBe(303);
    const inProgress = await update(t, started.id, me.token, slot);
    expect(inProgress.status).toBe(400);
    expect(await inProgress.json()).toEqual({ code: 400, message: 'Only a pending or confirmed appointment can be updated.' });

    expect((await t.post('/visits/close', me.token, { id: booked.id, reason: 'patient_cancel_appointment' })).status).toBe(200);
    expect((await update(t, booked.id, me.token, slot)).status).toBe(400);
    expect(t.sandbox.store.visits.get(booked.id)?.start).toBe(laMarch(6, 10));
  });

  it('refuses when the room no longer takes appointments', async () => {
    const t = setup();
    const { token } = await t.sso();
    const booked = await t.book(token, laMarch(6, 10));
    expect((await t.control('/room', { appointmentEnabled: false })).status).toBe(200);
    const res = await update(t, booked.id, token, { slot_start: laMarch(6, 11), slot_end: laMarch(6, 11) + 900 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Raw).message).toBe('Appointments are not available in this room.');
  });

  it.each(['', '?version=1', '?version=3', '?versions=2'])('answers 404 without version=2 (%s) and changes nothing', async (query) => {
    const t = setup();
    const { token } = await t.sso();
    const booked = await t.book(token, laMarch(6, 10));
    const to = laMarch(6, 11);
    const res = await t.post(`/visits/${booked.id}${query}`, token, { slot_start: to, slot_end: to + 900 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(NOT_AVAILABLE);
    expect(t.sandbox.store.visits.get(booked.id)?.start).toBe(laMarch(6, 10));
  });

  it('accepts the .json suffix and leaves the fixed /visits/* POST routes alone', async () => {
    const t = setup();
    const { token } = await t.sso();
    const booked = await t.book(token, laMarch(6, 10));
    const to = laMarch(6, 11);
    expect((await t.post(`/visits/${booked.id}.json?version=2`, token, { slot_start: to, slot_end: to + 900 })).status).toBe(200);
    // "close" is not taken for a visit id by the update route.
    const closed = await t.post('/visits/close?version=2', token, { id: booked.id, reason: 'patient_cancel_appointment' });
    expect(await closed.json()).toEqual({ data: { id: booked.id } });
  });
});
