/**
 * "On behalf of" (seed 002: `member_id` on POST /intakes and POST /visits/add_walkin, "Patient's
 * code ID on behalf of whom the intake will be created"), as decision 067 reads it: the visit is
 * the named patient's, its `creator` is whoever booked it, and both can see it.
 */
import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { laMarch, setup, type Raw } from './support';

describe('on behalf of another patient', () => {
  it('makes the intake and the walk-in the named patient’s, with the booker as creator', async () => {
    const t = setup();
    const parent = await t.sso({ first_name: 'Maria', last_name: 'Lopez' });
    const child = await t.sso({ first_name: 'Sofia', last_name: 'Lopez', dob: '2018-04-02' });
    const intakeId = await t.intake(parent.token, { member_id: child.id });
    const intake: Raw = await (await t.get(`/intakes/${intakeId}`, parent.token)).json();
    expect(intake.data.member_id).toBe(child.id);

    const res = await t.post('/visits/add_walkin', parent.token, { intake_id: intakeId, room_code: SANDBOX.roomCode, member_id: child.id });
    expect(res.status).toBe(200);
    const w: Raw = await res.json();
    expect(w.data).toMatchObject({ member_id: child.id, member: { id: child.id, first_name: 'Sofia', last_name: 'Lopez', dob: '2018-04-02' } });

    // The detail names the booker as `creator` (the field VSee's own samples carry).
    const detail: Raw = await (await t.get(`/visits/${w.data.id}`, parent.token)).json();
    expect(detail.data).toMatchObject({ member_id: Number(child.id), creator: { id: parent.id, first_name: 'Maria' } });
    // Both the patient and the booker list it; the creator can close it.
    const parentList: Raw = await (await t.get('/visits', parent.token)).json();
    expect(parentList.data.map((v: Raw) => [v.id, v.member_id, v.creator.id])).toEqual([[w.data.id, child.id, parent.id]]);
    const childList: Raw = await (await t.get('/visits', child.token)).json();
    expect(childList.data.map((v: Raw) => v.id)).toEqual([w.data.id]);
    expect((await t.post('/visits/close', parent.token, { id: w.data.id, reason: 'patient_exit_room' })).status).toBe(200);
  });

  it('names the patient by SSO code as well as by user id', async () => {
    const t = setup();
    const parent = await t.sso();
    const child = await t.sso({ code: 'dependent-code-1' });
    const intakeId = await t.intake(parent.token, { member_id: 'dependent-code-1' });
    const w: Raw = await (await t.post('/visits/add_walkin', parent.token, { intake_id: intakeId, room_code: SANDBOX.roomCode, member_id: 'dependent-code-1' })).json();
    expect(w.data.member_id).toBe(child.id);
  });

  it('books an appointment from an intake made on someone’s behalf', async () => {
    const t = setup();
    const parent = await t.sso();
    const child = await t.sso();
    const intakeId = await t.intake(parent.token, { type: 2, member_id: child.id });
    const start = laMarch(6, 11);
    const v = await t.book(parent.token, start, { intakeId, member_id: child.id });
    expect(v).toMatchObject({ member_id: Number(child.id), creator: { id: parent.id } });
  });

  it('refuses what VSee would not make sense of', async () => {
    const t = setup();
    const parent = await t.sso();
    const child = await t.sso();
    const stranger = await t.sso();
    // Not a patient (a provider's id) or nobody at all.
    expect((await t.post('/intakes', parent.token, { room_code: SANDBOX.roomCode, member_id: '10001' }, 'json')).status).toBe(400);
    expect((await t.post('/intakes', parent.token, { room_code: SANDBOX.roomCode, member_id: 'nobody' }, 'json')).status).toBe(400);
    // The walk-in's member_id must be the intake's patient.
    const intakeId = await t.intake(parent.token, { member_id: child.id });
    expect((await t.post('/visits/add_walkin', parent.token, { intake_id: intakeId, room_code: SANDBOX.roomCode, member_id: stranger.id })).status).toBe(400);
    // A third patient sees neither the intake nor the visit.
    expect((await t.get(`/intakes/${intakeId}`, stranger.token)).status).toBe(404);
    const w: Raw = await (await t.post('/visits/add_walkin', parent.token, { intake_id: intakeId, room_code: SANDBOX.roomCode })).json();
    expect(w.data.member_id).toBe(child.id);
    expect((await t.get(`/visits/${w.data.id}`, stranger.token)).status).toBe(404);
  });
});
