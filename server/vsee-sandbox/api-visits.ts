/** Visits (§5.2, §6 and seed 002): create (appointment, walk-in, e-consult), list, read, close. */
import type { Context, Hono } from 'hono';
import { CLOSE_REASONS, VISIT_STATUS, VISIT_SUBTYPE, VISIT_TYPE, type CloseReason } from '../vsee/codes';
import { tokenUser } from './auth';
import { readParams, str, int } from './body';
import { freeSlots } from './availability';
import { fail, NOT_AVAILABLE } from './errors';
import { closeVisit, isFinal } from './lifecycle';
import { ownIntake, ownVisit, roomFor, roomProvider } from './lookups';
import { currentShape, detailShape, econsultShape, listShape, walkinShape } from './shapes';
import { shortToken } from './store';
import type { Deps } from './deps';

export const SLOT_TAKEN = 'The selected time slot is no longer available.';

/** Assumption: e-consult expiry; the one sample shows start + 15 300 s. */
const ECONSULT_TTL = 15_300;

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start || 0;

export function registerVisits(api: Hono, deps: Deps): void {
  const { store } = deps;

  /** Create an appointment. Seed 002 documents POST /visits but its curl posts to /appointments. */
  const book = async (c: Context) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const memberId = str(p, 'member_id');
    // Assumption: only an admin token may book for someone else; the sandbox has none.
    if (memberId && memberId !== user.id) fail(403, 'You can only book appointments for yourself.');
    const type = int(p, 'type');
    if (type !== undefined && type !== VISIT_TYPE.appointment) fail(400, 'type must be 2 for an appointment');
    const slotStart = int(p, 'slot_start');
    const slotEnd = int(p, 'slot_end');
    if (slotStart === undefined) fail(400, 'slot_start is required');
    if (slotEnd === undefined) fail(400, 'slot_end is required');
    if (Number.isNaN(slotStart) || Number.isNaN(slotEnd)) fail(400, 'slot_start and slot_end must be unix timestamps');
    const start = slotStart as number;
    const end = slotEnd as number;
    if (end <= start) fail(400, 'slot_end must be after slot_start');

    const intakeId = str(p, 'intakeId') ?? str(p, 'intake_id'); // camelCase is VSee's own (sic)
    const intake = intakeId ? ownIntake(deps, user, intakeId) : undefined;
    const room = roomFor(deps, str(p, 'room_code'), intake);
    if (!room.appointmentEnabled) fail(400, 'Appointments are not available in this room.');
    const providerId = str(p, 'provider_id');
    if (providerId) roomProvider(deps, room, providerId);

    const slot = freeSlots(store, { room, start, end, duration: end - start, providerId, now: deps.now() }).find(
      (s) => s.start === start && s.end === end,
    );
    const chosen = slot?.providers[0];
    if (!chosen) return fail(400, SLOT_TAKEN);

    const visit = store.addVisit(
      {
        memberId: user.id,
        providerId: chosen,
        roomCode: room.code,
        type: VISIT_TYPE.appointment,
        subtype: VISIT_SUBTYPE.video,
        status: VISIT_STATUS.confirmed,
        start,
        end,
        intakeId: intake?.id ?? null,
        oneTimeLinkToken: room.oneTimeLinks ? shortToken() : null,
      },
      deps.now(),
    );
    if (intake) {
      intake.visitId = visit.id;
      intake.fields.type ??= String(VISIT_TYPE.appointment);
    }
    return c.json({ data: detailShape(store, visit) });
  };
  api.post('/visits', book);
  api.post('/appointments', book);

  api.post('/visits/add_walkin', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const intake = ownIntake(deps, user, str(p, 'intake_id') ?? fail(400, 'intake_id is required'));
    const room = roomFor(deps, str(p, 'room_code'), intake);
    if (room.isClosed) fail(400, room.closeMsg);
    if (!room.walkinEnabled) fail(400, 'Walk-in visits are not available in this room.');
    const providerId = str(p, 'provider_id');
    if (providerId) roomProvider(deps, room, providerId);
    const now = deps.now();
    // Assumption: without provider_id the walk-in waits in the room's queue with provider_id "0"
    // and no provider object until a provider starts it (VSee: "Shouldn't pass this for walkins").
    const visit = store.addVisit(
      {
        memberId: user.id,
        providerId: providerId ?? null,
        roomCode: room.code,
        type: VISIT_TYPE.walkin,
        subtype: VISIT_SUBTYPE.video,
        status: VISIT_STATUS.pending,
        start: now,
        end: now + 900,
        intakeId: intake.id,
        oneTimeLinkToken: null,
      },
      now,
    );
    intake.visitId = visit.id;
    intake.fields.type ??= String(VISIT_TYPE.walkin);
    return c.json({ data: walkinShape(store, visit) });
  });

  api.post('/visits/add_econsult', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const intake = ownIntake(deps, user, str(p, 'intake_id') ?? fail(400, 'intake_id is required'));
    const room = roomFor(deps, str(p, 'room_code') ?? fail(400, 'room_code is required'), intake);
    const now = deps.now();
    const visit = store.addVisit(
      {
        memberId: user.id,
        providerId: null,
        roomCode: room.code,
        type: 3, // the e-consult sample's `type`
        subtype: VISIT_SUBTYPE.econsult,
        status: VISIT_STATUS.confirmed,
        start: now,
        end: now + 900,
        intakeId: intake.id,
        oneTimeLinkToken: null,
        expiry: now + ECONSULT_TTL,
      },
      now,
    );
    intake.visitId = visit.id;
    return c.json({ data: econsultShape(store, visit) });
  });

  api.get('/visits', (c) => {
    const user = tokenUser(c, deps);
    const mine = [...store.visits.values()].filter((v) => v.memberId === user.id || v.providerId === user.id);
    return c.json({ data: mine.sort(byStart).map((v) => listShape(store, v, deps.basePath)) });
  });

  /**
   * The caller's visit in progress, in the string-typed shape of the documented sample. (That
   * sample shows a visit already completed; we keep to the documented "visit in progress".)
   */
  api.get('/visits/current', (c) => {
    const user = tokenUser(c, deps);
    const current = [...store.visits.values()].find(
      (v) => (v.memberId === user.id || v.providerId === user.id) && v.status === VISIT_STATUS.in_progress,
    );
    if (!current) return fail(404, NOT_AVAILABLE);
    return c.json({ data: currentShape(store, current) });
  });

  api.get('/visits/:id', (c) => {
    const user = tokenUser(c, deps);
    const visit = ownVisit(deps, user, c.req.param('id'));
    return c.json({ data: detailShape(store, visit, { medicalProfile: true }) });
  });

  api.post('/visits/close', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const id = str(p, 'id') ?? fail(400, 'id is required');
    // The doc's curl sample sends no reason; the parameter table lists it. We require it.
    const reason = str(p, 'reason') ?? fail(400, 'reason is required');
    if (!(CLOSE_REASONS as readonly string[]).includes(reason)) {
      fail(400, `reason must be one of ${CLOSE_REASONS.join(', ')}`);
    }
    const visit = store.visits.get(id);
    if (!visit || visit.memberId !== user.id) return fail(404, NOT_AVAILABLE);
    closeVisit(visit, reason as CloseReason, user.id, deps.now());
    return c.json({ data: { id: visit.id } });
  });

  /** Force-cancel (documented without a response; we answer like close). */
  api.post('/visits/delete', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const id = str(p, 'id') ?? fail(400, 'id is required');
    const visit = store.visits.get(id);
    if (!visit || visit.memberId !== user.id) return fail(404, NOT_AVAILABLE);
    if (isFinal(visit)) fail(400, 'This visit is already closed.');
    visit.status = VISIT_STATUS.cancelled;
    visit.completedBy = user.id;
    visit.modified = deps.now();
    return c.json({ data: { id: visit.id } });
  });
}
