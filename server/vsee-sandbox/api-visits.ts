/** Visits (§5.2, §6 and seed 002): create (appointment, walk-in, e-consult), update, list, read, close, export. */
import type { Context, Hono } from 'hono';
import { CLOSE_REASONS, VISIT_STATUS, VISIT_SUBTYPE, VISIT_TYPE, type CloseReason } from '../vsee/codes';
import { tokenUser } from './auth';
import { readParams, str, int, type Params } from './body';
import { freeSlots } from './availability';
import { fail, NOT_AVAILABLE } from './errors';
import { closeVisit, isFinal, isOpen } from './lifecycle';
import { memberOrCreator, ownIntake, ownVisit, roomFor, roomProvider } from './lookups';
import { currentShape, detailShape, econsultShape, listShape, walkinShape } from './shapes';
import { hex, shortToken, type Intake, type User } from './store';
import type { Deps } from './deps';

export const SLOT_TAKEN = 'The selected time slot is no longer available.';

/** Assumption: e-consult expiry; the one sample shows start + 15 300 s. */
const ECONSULT_TTL = 15_300;

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start || 0;

/** `type` (2 if sent) and the slot of POST /visits, shared by the update (`?version=2`). */
function appointmentSlot(p: Params): { start: number; end: number } {
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
  return { start, end };
}

/**
 * A visit's subtype (seed 001: in-person, phone, video, e-consult): the intake's consultation type
 * decides (assumption, decision 052); without one, video, VSee's default.
 */
function subtypeOf(intake: Intake | undefined): number {
  return intake?.consultation?.subtype ?? VISIT_SUBTYPE.video;
}

/**
 * Whom the visit is for. Seed 002 documents `member_id` on add_walkin as the patient "on behalf of
 * whom" it is made; the intake already names that patient. Assumption (decision 067): the visit is
 * the intake's patient's, `member_id` (by id or code) must name that same patient, and without an
 * intake only the caller themself can be named.
 */
function patientOf(deps: Deps, p: Params, user: User, intake: Intake | undefined): string {
  const ref = str(p, 'member_id');
  const patientId = intake?.memberId ?? user.id;
  if (ref === undefined || ref === patientId) return patientId;
  const named = deps.store.users.get(patientId);
  if (named && ref === named.code) return patientId;
  return fail(intake ? 400 : 403, intake ? 'member_id is not the patient of this intake.' : 'You can only book appointments for yourself.');
}

export function registerVisits(api: Hono, deps: Deps): void {
  const { store } = deps;

  /** Create an appointment. Seed 002 documents POST /visits but its curl posts to /appointments. */
  const book = async (c: Context) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const { start, end } = appointmentSlot(p);

    const intakeId = str(p, 'intakeId') ?? str(p, 'intake_id'); // camelCase is VSee's own (sic)
    const intake = intakeId ? ownIntake(deps, user, intakeId) : undefined;
    const memberId = patientOf(deps, p, user, intake);
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
        memberId,
        creatorId: user.id,
        providerId: chosen,
        roomCode: room.code,
        type: VISIT_TYPE.appointment,
        subtype: subtypeOf(intake),
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
    deps.outbox.visitChanged('visit.created', visit);
    return c.json({ data: detailShape(store, visit) });
  };
  api.post('/visits', book);
  api.post('/appointments', book);

  api.post('/visits/add_walkin', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const intake = ownIntake(deps, user, str(p, 'intake_id') ?? fail(400, 'intake_id is required'));
    const memberId = patientOf(deps, p, user, intake);
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
        memberId,
        creatorId: user.id,
        providerId: providerId ?? null,
        roomCode: room.code,
        type: VISIT_TYPE.walkin,
        subtype: subtypeOf(intake),
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
    deps.outbox.visitChanged('visit.created', visit);
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
    deps.outbox.visitChanged('visit.created', visit);
    return c.json({ data: econsultShape(store, visit) });
  });

  api.get('/visits', (c) => {
    const user = tokenUser(c, deps);
    // Assumption (decision 067): a visit booked on someone's behalf is listed to its creator too.
    const mine = [...store.visits.values()].filter((v) => memberOrCreator(v, user.id) || v.providerId === user.id);
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
    if (!visit || !memberOrCreator(visit, user.id)) return fail(404, NOT_AVAILABLE);
    closeVisit(visit, reason as CloseReason, user.id, deps.now());
    deps.outbox.visitChanged('visit.ended', visit);
    return c.json({ data: { id: visit.id } });
  });

  /** Force-cancel (documented without a response; we answer like close). */
  api.post('/visits/delete', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const id = str(p, 'id') ?? fail(400, 'id is required');
    const visit = store.visits.get(id);
    if (!visit || !memberOrCreator(visit, user.id)) return fail(404, NOT_AVAILABLE);
    if (isFinal(visit)) fail(400, 'This visit is already closed.');
    visit.status = VISIT_STATUS.cancelled;
    visit.completedBy = user.id;
    visit.modified = deps.now();
    deps.outbox.visitChanged('visit.ended', visit);
    return c.json({ data: { id: visit.id } });
  });

  /**
   * Reschedule an appointment: `POST /visits/:id?version=2` ("Update an appointment", seed 002;
   * its parameters were lost). Assumptions: POST /visits' own `slot_start`, `slot_end` and
   * optional `provider_id` ("0" = any provider, after the page's stray "set provider_id to 0");
   * without a provider the visit keeps its own one when that provider is free at the new time.
   * Registered last so that /visits/close, /visits/delete etc. keep their own handlers.
   */
  api.post('/visits/:id', async (c) => {
    // Only the versioned form is documented; any other is a page VSee does not have (404).
    if (c.req.query('version') !== '2') return fail(404, NOT_AVAILABLE);
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const visit = store.visits.get(c.req.param('id'));
    if (!visit || !memberOrCreator(visit, user.id)) return fail(404, NOT_AVAILABLE);
    if (visit.type !== VISIT_TYPE.appointment) fail(400, 'Only an appointment can be updated.');
    if (!isOpen(visit)) fail(400, 'Only a pending or confirmed appointment can be updated.');
    // member_id, if sent, must still be the appointment's patient.
    const ref = str(p, 'member_id');
    const patient = store.users.get(visit.memberId);
    if (ref !== undefined && ref !== visit.memberId && ref !== patient?.code) fail(403, 'You can only book appointments for yourself.');
    const { start, end } = appointmentSlot(p);
    const now = deps.now();
    if (start <= now) fail(400, 'The new time must be in the future.');
    const room = store.rooms.get(visit.roomCode) ?? fail(404, 'Room not found.');
    if (!room.appointmentEnabled) fail(400, 'Appointments are not available in this room.');
    const wanted = str(p, 'provider_id');
    const providerId = wanted === undefined || wanted === '0' ? undefined : roomProvider(deps, room, wanted).id;

    // The appointment's own current time does not count as taken by itself.
    const slot = freeSlots(store, { room, start, end, duration: end - start, providerId, now, ignoreVisitId: visit.id }).find(
      (s) => s.start === start && s.end === end,
    );
    if (!slot) return fail(400, SLOT_TAKEN);
    const keep = visit.providerId !== null && slot.providers.includes(visit.providerId);
    visit.providerId = providerId ?? (keep ? visit.providerId : slot.providers[0]) ?? null;
    visit.start = start;
    visit.end = end;
    visit.modified = now;
    return c.json({ data: detailShape(store, visit, { medicalProfile: true }) });
  });

  /**
   * `{"data": {"url": …}}` to a PDF summary (seed 002). The link is a capability URL on the
   * portal (the sample's is `https://clinic.vsee.me/visits/exports/<hex>`), served by portal.ts.
   * Assumptions: only the patient's own completed visit; one link per visit, valid until reset.
   */
  api.get('/visits/:id/exports/visit_summary', (c) => {
    const user = tokenUser(c, deps);
    const visit = store.visits.get(c.req.param('id'));
    if (!visit || !memberOrCreator(visit, user.id)) return fail(404, NOT_AVAILABLE);
    if (visit.status !== VISIT_STATUS.completed) fail(400, 'A visit summary is available once the visit is completed.');
    let opaque = [...store.exports].find(([, id]) => id === visit.id)?.[0];
    if (!opaque) {
      opaque = hex(16);
      store.exports.set(opaque, visit.id);
    }
    return c.json({ data: { url: `${deps.publicOrigin}${deps.basePath}/vc/visits/exports/${opaque}` } });
  });
}
