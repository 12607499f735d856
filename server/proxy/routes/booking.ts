/** Intake → availability → appointment, intake → walk-in or e-consult, and reschedule. */
import { Hono, type Context } from 'hono';
import {
  appointmentRequest,
  availabilityQuery,
  econsultRequest,
  intakeRequest,
  rescheduleRequest,
  walkinRequest,
  type Availability,
  type VisitKind,
  type WalkinRequest,
} from '../../../src/api/contract';
import { answerProblems } from '../../../src/api/question-answers';
import { canReschedule } from '../../../src/api/visit-rules';
import type { CreateVisitInput, ForWhom } from '../../backend/clinic-backend';
import { VseeError } from '../../vsee/client';
import { visit as vseeVisit } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';
import { once } from '../idempotency';
import { readBody, readQuery } from '../input';
import { audit } from '../logger';
import { Problem } from '../problem';
import { dependentRef } from '../session';
import { presentVisit, toVisit } from '../visit-view';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function slotTaken(err: unknown): boolean {
  // VSee answers 400 with a message when the slot is gone; the patient must pick another.
  return err instanceof VseeError && err.status === 400 && /no longer available|not available|taken/i.test(err.message);
}
const SLOT_TAKEN = () => new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');

export function bookingRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { config } = deps;

  /**
   * One booking through the clinic backend: the intake must be this session's and of this kind;
   * the whole thing runs within BOOKING_TIMEOUT_MS; the backend books it once.
   */
  async function book(c: Context<ProxyEnv>, kind: VisitKind, intakeId: string, extra: Omit<CreateVisitInput, 'kind' | 'intake' | 'forWhom'> & { forWhom?: ForWhom } = {}) {
    const patient = c.var.patient;
    const intake = patient.ownIntake(intakeId);
    if (intake.kind !== kind) throw new Problem(400, 'bad_request', 'These visit details were made for another kind of visit. Please fill them in again.');
    const signal = AbortSignal.timeout(config.booking.timeoutMs);
    const visit = await patient.backend.createVisit({ forWhom: { who: 'self' }, ...extra, kind, intake, signal });
    patient.consumeIntake(intakeId);
    audit(deps.log, 'booking', { kind, visit: visit.id, member: patient.memberId, ...(extra.forWhom?.who === 'other' || intake.forMember ? { forOther: true } : {}) });
    return visit;
  }

  app.post('/intakes', async (c) => {
    const body = await readBody(c, intakeRequest);
    const answers = body.answers ?? {};
    // The clinic's own questions (INTAKE_QUESTIONS) are the proxy's, whatever the backend.
    const problems = answerProblems(config.intakeQuestions, answers);
    if (Object.keys(problems).length > 0) {
      const fields = Object.fromEntries(Object.entries(problems).map(([id, code]) => [`answers.${id}`, code]));
      throw new Problem(400, 'bad_request', 'Please check your answers to the clinic\'s questions.', fields);
    }
    const intake = await c.var.patient.backend.createIntake({
      kind: body.kind,
      reason: body.reason,
      // A clinic with service areas of its own books by the one picked (or the state's); others by the state.
      area: deps.backend.capabilities.serviceAreas ? (body.area ?? body.state) : body.state,
      phone: body.phone,
      room: body.room,
      visitTypeId: body.visitTypeId,
      providerId: body.providerId,
      answers,
      forSomeone: body.forSomeone,
    });
    c.var.patient.addIntake(intake);
    return c.json({ id: intake.id }, 201);
  });

  app.get('/availability', async (c) => {
    const q = readQuery(c, availabilityQuery);
    const intake = q.intakeId !== undefined ? c.var.patient.ownIntake(q.intakeId) : null;
    const slots = await c.var.patient.backend.availability({
      intake,
      visitId: q.visitId,
      from: q.from,
      to: q.to,
      // The query's type and provider win (the patient changed them on the time step); else the intake's.
      visitTypeId: q.visitTypeId,
      providerId: q.providerId,
    });
    const result: Availability = { slots };
    return c.json(result);
  });

  app.post('/appointments', async (c) => {
    const body = await readBody(c, appointmentRequest);
    return once(c, deps, body, () => book(c, 'appointment', body.intakeId, { slot: { start: body.start, end: body.end }, providerId: body.providerId }));
  });

  /** "Someone else": the browser names one of the session's dependents by our own ref. */
  function forWhomOf(c: Context<ProxyEnv>, body: WalkinRequest): ForWhom {
    if (!body.forWhom || body.forWhom.who === 'self') return { who: 'self' };
    const ref = body.forWhom.dependentId;
    const dependents = c.var.patient.session.dependents ?? [];
    const i = dependents.findIndex((_, n) => dependentRef(n) === ref);
    if (i < 0) throw new Problem(400, 'bad_request', 'Please choose one of the people your health system lists for you.', { 'forWhom.dependentId': 'invalid' });
    return { who: 'other', dependentId: dependents[i]!.id };
  }

  app.post('/walkins', async (c) => {
    const body = await readBody(c, walkinRequest);
    return once(c, deps, body, () =>
      book(c, 'walkin', body.intakeId, { forWhom: forWhomOf(c, body), billing: body.billing, contact: body.contact, acceptedTerms: body.acceptedTerms }),
    );
  });

  app.post('/econsults', async (c) => {
    if (!deps.backend.capabilities.visitKinds.includes('econsult')) throw new Problem(403, 'forbidden', 'This clinic does not take e-consults.');
    const body = await readBody(c, econsultRequest);
    return once(c, deps, { intakeId: body.intakeId }, () => book(c, 'econsult', body.intakeId));
  });

  // VSee only (on another backend the patient's VSee calls answer "no such API call").
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
          return presentVisit(updated, config.vsee.portalUrl, patient.memberId);
        } catch (err) {
          if (slotTaken(err)) throw SLOT_TAKEN();
          if (!(err instanceof VseeError) || !err.ambiguous) throw err;
          // The answer was lost: if VSee moved the appointment, it now has the new time.
          const after = await patient.ownVisit(v.id, { signal, fresh: true }).catch(() => null);
          if (!after || after.start !== start || after.end !== end) throw err;
          audit(deps.log, 'reschedule', { visit: v.id, member: patient.memberId, recovered: true });
          return presentVisit(after, config.vsee.portalUrl, patient.memberId);
        }
      },
      200,
    );
  });

  return app;
}
