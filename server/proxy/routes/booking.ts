/** Intake → availability → appointment, intake → walk-in or e-consult, and reschedule. */
import { noteRequest } from '../../ops/request-context';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  appointmentRequest,
  availabilityQuery,
  econsultRequest,
  intakeRequest,
  rescheduleRequest,
  walkinRequest,
  type Availability,
  type Clinic,
  type VisitKind,
} from '../../../src/api/contract';
import { answerProblems } from '../../../src/api/intake-questions';
import { customFields } from '../../vsee/intake-fields';
import { canReschedule } from '../../../src/api/visit-rules';
import { VISIT_TYPE } from '../../vsee/codes';
import { VseeError } from '../../vsee/client';
import { availabilitySlot, intakeCreated, visit as vseeVisit, type VseeVisit } from '../../vsee/schemas';
import { bookOnce } from '../booking-mark';
import type { ProxyDeps, ProxyEnv } from '../context';
import type { RoomInfo } from './clinic';
import { once } from '../idempotency';
import { readBody, readQuery } from '../input';
import { audit } from '../logger';
import { Problem } from '../problem';
import { presentVisit, toVisit } from '../visit-view';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function slotTaken(err: unknown): boolean {
  // VSee answers 400 with a message when the slot is gone; the patient must pick another.
  return err instanceof VseeError && err.status === 400 && /no longer available|not available|taken/i.test(err.message);
}
const SLOT_TAKEN = () => new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');

export function bookingRoutes(deps: ProxyDeps, roomInfo: RoomInfo) {
  const app = new Hono<ProxyEnv>();
  const { config } = deps;
  /** The room a visit is booked in: the intake's (a provider's room), else the clinic's. */
  const roomOf = (c: Context<ProxyEnv>, intakeId: string) => c.var.patient.ownIntake(intakeId).room ?? config.vsee.roomCode;

  /**
   * One booking: the intake must be this session's and of this kind; the whole thing runs within
   * BOOKING_TIMEOUT_MS; the intake's write-ahead mark keeps it to one visit (booking-mark.ts).
   */
  async function book(c: Context<ProxyEnv>, kind: VisitKind, intakeId: string, create: (signal: AbortSignal) => Promise<VseeVisit>) {
    const patient = c.var.patient;
    const intake = patient.ownIntake(intakeId);
    if (intake.kind !== kind) throw new Problem(400, 'bad_request', 'These visit details were made for another kind of visit. Please fill them in again.');
    const signal = AbortSignal.timeout(config.booking.timeoutMs);
    const { visit, recovered } = await bookOnce(deps, patient, { kind, intakeId, signal, create });
    patient.consumeIntake(intakeId);
    if (recovered) noteRequest('recovered'); // for metrics: booked after a lost answer
    audit(deps.log, 'booking', { kind, visit: visit.id, member: patient.memberId, ...(recovered ? { recovered: true } : {}) });
    return presentVisit(visit, config.vsee.portalUrl);
  }

  /**
   * A visit type and provider named by the browser must be the room's own (its public lists):
   * a provider id is never a user code, and anything else is refused (decision 053).
   */
  function choose(info: Clinic, want: { visitTypeId?: string; providerId?: string }) {
    const visitType = want.visitTypeId === undefined ? undefined : info.visitTypes.find((t) => t.id === want.visitTypeId);
    if (want.visitTypeId !== undefined && !visitType) {
      throw new Problem(400, 'bad_request', 'That kind of visit is not offered. Please choose again.', { visitTypeId: 'invalid' });
    }
    if (want.providerId !== undefined && !info.providers.some((p) => p.id === want.providerId)) {
      throw new Problem(400, 'bad_request', 'That provider is not available here. Please choose again.', { providerId: 'invalid' });
    }
    return { visitType, providerId: want.providerId };
  }

  app.post('/intakes', async (c) => {
    const body = await readBody(c, intakeRequest);
    // A provider's room must exist (404 otherwise); it is the only room this intake books into.
    const room = body.room ?? config.vsee.roomCode;
    const info = await roomInfo(room);
    const { visitType, providerId } = choose(info, body);
    const answers = body.answers ?? {};
    const problems = answerProblems(config.intakeQuestions, answers);
    if (Object.keys(problems).length > 0) {
      const fields = Object.fromEntries(Object.entries(problems).map(([id, code]) => [`answers.${id}`, code]));
      throw new Problem(400, 'bad_request', 'Please check your answers to the clinic\'s questions.', fields);
    }
    const intake = await c.var.patient.call({
      method: 'POST',
      path: 'intakes',
      schema: intakeCreated,
      body: {
        type: body.kind === 'walkin' ? VISIT_TYPE.walkin : VISIT_TYPE.appointment,
        reason_for_visit: body.reason,
        room_code: room,
        location: body.state,
        phone: body.phone,
        provider_id: providerId,
        // §4.2: "Take the consultation objects from GET /rooms/:code"; availability then follows its length.
        consultation: visitType
          ? JSON.stringify({ id: visitType.id, description: visitType.description, duration: visitType.minutes, amount: visitType.price?.amount ?? 0 })
          : undefined,
        ...customFields(config.intakeQuestions, answers),
      },
    });
    c.var.patient.addIntake({
      id: intake.id,
      kind: body.kind,
      ...(body.room ? { room: body.room } : {}),
      ...(visitType ? { visitTypeId: visitType.id } : {}),
      ...(providerId ? { providerId } : {}),
    });
    return c.json({ id: intake.id }, 201);
  });

  /**
   * The intake to search availability with: one made in this session, or — for rescheduling —
   * the intake of one of the patient's own appointments that can still be moved.
   */
  async function searchIntake(
    c: Context<ProxyEnv>,
    q: { intakeId?: string; visitId?: string },
  ): Promise<{ intakeId: string | undefined; room: string; visitTypeId?: string; providerId?: string }> {
    if (q.intakeId !== undefined) {
      const own = c.var.patient.ownIntake(q.intakeId);
      return { intakeId: own.id, room: roomOf(c, q.intakeId), visitTypeId: own.visitTypeId, providerId: own.providerId };
    }
    const v = await c.var.patient.ownVisit(q.visitId ?? '');
    if (!canReschedule(toVisit(v), deps.now())) {
      throw new Problem(409, 'conflict', 'Only an upcoming appointment can be moved to another time.');
    }
    // A visit stays in its own room when it moves.
    return { intakeId: v.intake_id ?? undefined, room: v.room_code || config.vsee.roomCode };
  }

  app.get('/availability', async (c) => {
    const q = readQuery(c, availabilityQuery);
    const found = await searchIntake(c, q);
    const { intakeId, room } = found;
    // The query's type and provider win (the patient changed them on the time step); else the intake's.
    const wanted = { visitTypeId: q.visitTypeId ?? found.visitTypeId, providerId: q.providerId ?? found.providerId };
    const { visitType, providerId } =
      wanted.visitTypeId !== undefined || wanted.providerId !== undefined ? choose(await roomInfo(room), wanted) : { visitType: undefined, providerId: undefined };
    const from = Math.max(unix(q.from), Math.floor(deps.now() / 1000));
    const to = unix(q.to);
    const slots = await c.var.patient.call({
      method: 'GET',
      path: 'availability',
      schema: z.array(availabilitySlot),
      query: {
        start: from,
        end: to,
        intake_id: intakeId,
        member_id: c.var.patient.memberId,
        room_code: room,
        consultation_id: visitType?.id,
        provider_id: providerId,
      },
    });
    const result: Availability = {
      slots: slots
        .filter((x) => x.start >= from && x.end <= to && x.end > x.start)
        .sort((a, b) => a.start - b.start)
        .map((x) => ({ start: new Date(x.start * 1000).toISOString(), end: new Date(x.end * 1000).toISOString(), providerIds: x.providers })),
    };
    return c.json(result);
  });

  app.post('/appointments', async (c) => {
    const body = await readBody(c, appointmentRequest);
    return once(c, deps, body, async () => {
      // Inside once(): a replay answers from the key before this, when the intake is already booked.
      const intakeProvider = c.var.patient.ownIntake(body.intakeId).providerId;
      const providerId =
        body.providerId !== undefined ? choose(await roomInfo(roomOf(c, body.intakeId)), { providerId: body.providerId }).providerId : intakeProvider;
      try {
        return await book(c, 'appointment', body.intakeId, (signal) =>
          c.var.patient.call({
            method: 'POST',
            path: 'visits',
            schema: vseeVisit,
            signal,
            body: {
              member_id: c.var.patient.memberId,
              slot_start: unix(body.start),
              slot_end: unix(body.end),
              type: VISIT_TYPE.appointment,
              intakeId: body.intakeId, // sic: VSee's sample spells it in camel case
              room_code: roomOf(c, body.intakeId),
              // "schedule the visit using the selected intake, provider (if applicable), and room slot" (§5.1)
              provider_id: providerId,
            },
          }),
        );
      } catch (err) {
        if (slotTaken(err)) throw SLOT_TAKEN();
        throw err;
      }
    });
  });

  /** Walk-ins and e-consults: one VSee call with the intake and the room, no slot to choose. */
  function addUnscheduled(c: Context<ProxyEnv>, kind: 'walkin' | 'econsult', intakeId: string) {
    return once(c, deps, { intakeId }, () =>
      book(c, kind, intakeId, (signal) =>
        c.var.patient.call({
          method: 'POST',
          path: kind === 'walkin' ? 'visits/add_walkin' : 'visits/add_econsult',
          schema: vseeVisit,
          signal,
          body: { intake_id: intakeId, room_code: roomOf(c, intakeId) },
        }),
      ),
    );
  }

  app.post('/walkins', async (c) => addUnscheduled(c, 'walkin', (await readBody(c, walkinRequest)).intakeId));

  app.post('/econsults', async (c) => {
    if (!config.econsult) throw new Problem(403, 'forbidden', 'This clinic does not take e-consults.');
    return addUnscheduled(c, 'econsult', (await readBody(c, econsultRequest)).intakeId);
  });

  app.post('/visits/:id/reschedule', async (c) => {
    const patient = c.var.patient;
    const body = await readBody(c, rescheduleRequest);
    const v = await patient.ownVisit(c.req.param('id'), { fresh: true });
    const current = toVisit(v);
    if (!canReschedule(current, deps.now())) {
      throw new Problem(409, 'conflict', 'Only an upcoming appointment can be moved to another time.');
    }
    return once(
      c,
      deps,
      { id: v.id, ...body },
      async () => {
        const start = unix(body.start);
        const end = unix(body.end);
        const signal = AbortSignal.timeout(config.booking.timeoutMs);
        try {
          // VSee documents "POST /visits/:id?version=2" as "update an appointment"; its parameters
          // were lost from the page, so we send the names POST /visits uses (see README).
          const updated = await patient.call({
            method: 'POST',
            path: `visits/${v.id}`,
            query: { version: 2 },
            schema: vseeVisit,
            signal,
            body: { slot_start: start, slot_end: end },
          });
          audit(deps.log, 'reschedule', { visit: v.id, member: patient.memberId });
          return presentVisit(updated, config.vsee.portalUrl);
        } catch (err) {
          if (slotTaken(err)) throw SLOT_TAKEN();
          if (!(err instanceof VseeError) || !err.ambiguous) throw err;
          // The answer was lost: if VSee moved the appointment, it now has the new time.
          const after = await patient.ownVisit(v.id, { signal, fresh: true }).catch(() => null);
          if (!after || after.start !== start || after.end !== end) throw err;
          audit(deps.log, 'reschedule', { visit: v.id, member: patient.memberId, recovered: true });
          return presentVisit(after, config.vsee.portalUrl);
        }
      },
      200,
    );
  });

  return app;
}
