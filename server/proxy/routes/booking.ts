/** Intake → availability → appointment, and intake → walk-in. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  appointmentRequest,
  availabilityQuery,
  econsultRequest,
  IDEMPOTENCY_HEADER,
  intakeRequest,
  rescheduleRequest,
  walkinRequest,
  type Availability,
} from '../../../src/api/contract';
import { VISIT_TYPE } from '../../vsee/codes';
import { VseeError } from '../../vsee/client';
import { availabilitySlot, intakeCreated, visit as vseeVisit, type VseeVisit } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody, readQuery } from '../input';
import { audit } from '../logger';
import { ownVisit, presentVisit, toVisit } from '../patient';
import { Problem } from '../problem';
import type { SessionData } from '../session';

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
/** How long a booking whose answer was lost is remembered (its intake is looked up before any new try). */
const UNCERTAIN_TTL_MS = 24 * 60 * 60 * 1000;
/** At most this many visits are read one by one when GET /visits does not name their intake. */
const MAX_LOOKUPS = 3;
const listedVisit = vseeVisit.extend({ created: z.union([z.number(), z.string()]).nullish() });
type BookingKind = 'walkin' | 'appointment' | 'econsult';

export function bookingRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { vsee, gateway, config } = deps;

  function ownIntake(c: Context<ProxyEnv>, id: string) {
    if (!c.get('session').intakes.includes(id)) {
      throw new Problem(404, 'not_found', 'We could not find your visit details. Please fill them in again.');
    }
  }

  /**
   * The intake to search availability with: one made in this session, or — for rescheduling —
   * `visit:<id>`, the intake of one of the patient's own appointments.
   */
  async function searchIntake(c: Context<ProxyEnv>, ref: string): Promise<string | undefined> {
    if (!ref.startsWith('visit:')) {
      ownIntake(c, ref);
      return ref;
    }
    const [v, s] = await ownVisit(vsee, gateway, c.get('session'), ref.slice('visit:'.length));
    c.set('session', s);
    if (toVisit(v).kind !== 'appointment') throw new Problem(400, 'bad_request', 'Only appointments can be moved to another time.');
    return v.intake_id ?? undefined;
  }

  function slotTaken(err: unknown): boolean {
    // VSee answers 400 with a message when the slot is gone; the patient must pick another.
    return err instanceof VseeError && err.status === 400 && /no longer available|not available|taken/i.test(err.message);
  }

  /**
   * Runs a create-visit call at most once per Idempotency-Key: a double click or a retry gets
   * the first answer, never a second visit.
   */
  async function once(c: Context<ProxyEnv>, body: unknown, create: () => Promise<unknown>, status: 200 | 201 = 201) {
    const parsedKey = idempotencyKey.safeParse(c.req.header(IDEMPOTENCY_HEADER));
    if (!parsedKey.success) throw new Problem(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is missing or malformed.`);
    const key = `${c.get('session').mid}:${parsedKey.data}`;
    const claim = await deps.idempotency.claim(key, body);
    if (claim.kind === 'running') throw new Problem(409, 'conflict', 'This booking is already being made. Please wait a moment.');
    if (claim.kind === 'mismatch') throw new Problem(422, 'bad_request', 'This booking attempt changed; please start it again.');
    if (claim.kind === 'replay') return c.json(claim.body, claim.status as 200 | 201);
    let result: unknown;
    try {
      result = await create();
    } catch (err) {
      await deps.idempotency.release(key).catch(() => {}); // the claim expires by itself anyway
      throw err;
    }
    // The visit exists now: the patient gets it even if the store cannot record the answer.
    await deps.idempotency.finish(key, body, status, result).catch((err: Error) => {
      deps.log.error({ err: { name: err.name, message: err.message } }, 'idempotency store failed');
    });
    return c.json(result, status);
  }

  /**
   * The visit this intake was booked into, if VSee made one although its answer never reached us.
   * GET /visits does not always carry `intake_id` (VSee's sample lacks it), so recent candidates
   * of the right kind are read one by one, newest first, for at most one more VSEE_TIMEOUT_MS.
   * `'unsure'` when time ran out before every candidate was read.
   */
  async function findBooked(c: Context<ProxyEnv>, kind: BookingKind, intakeId: string, since: number): Promise<VseeVisit | null | 'unsure'> {
    const giveUpAt = Date.now() + config.vsee.timeoutMs;
    const [all, s] = await gateway.withToken(c.get('session'), (token) =>
      vsee.call({ method: 'GET', path: 'visits', token, schema: z.array(listedVisit) }),
    );
    c.set('session', s);
    const candidates = all
      .filter((v) => {
        if ((v.member_id && v.member_id !== s.mid) || (v.intake_id && v.intake_id !== intakeId)) return false;
        if (v.created != null && Number(v.created) < since) return false;
        try {
          const pv = toVisit(v);
          return pv.kind === kind && pv.status !== 'cancelled' && pv.status !== 'completed';
        } catch {
          return false;
        }
      })
      .sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
    if (candidates.length > MAX_LOOKUPS) return 'unsure';
    for (const v of candidates) {
      if (Date.now() > giveUpAt) return 'unsure'; // the patient has waited long enough
      const [detail, s2] = await gateway.withToken(c.get('session'), (token) =>
        vsee.call({ method: 'GET', path: `visits/${v.id}`, token, schema: vseeVisit }),
      );
      c.set('session', s2);
      if (detail.intake_id === intakeId && (!detail.member_id || detail.member_id === s2.mid)) return detail;
    }
    return null;
  }

  /**
   * Makes the visit for one intake, never twice: when VSee's answer is lost (timeout, dropped
   * connection, 5xx, garbage), the proxy looks for the visit it may have made before answering;
   * when it cannot tell, it remembers the intake and looks again before any later attempt.
   */
  async function book(c: Context<ProxyEnv>, kind: BookingKind, intakeId: string, create: (s: SessionData, token: string) => Promise<VseeVisit>) {
    const mark = `book:${c.get('session').mid}:${intakeId}`;
    const since = Math.floor(deps.now() / 1000) - 120;
    const done = (v: VseeVisit, how: 'created' | 'recovered') => {
      audit(deps.log, 'booking', { kind, visit: v.id, member: c.get('session').mid, ...(how === 'recovered' ? { recovered: true } : {}) });
      return presentVisit(v, config.vsee.portalUrl);
    };
    const marked = await deps.kv.get(mark);
    if (marked !== null) {
      // Only visits made since the uncertain attempt (its time is the mark's value) can be it.
      const earlier = await findBooked(c, kind, intakeId, Number(marked) || 0);
      // Booking again while unsure could make a second visit: better to say "try again".
      if (earlier === 'unsure') throw new VseeError(0, 'Could not tell whether an earlier booking was made', 'timeout');
      if (earlier) {
        await deps.kv.del(mark);
        return done(earlier, 'recovered');
      }
    }
    try {
      const [v, s] = await gateway.withToken(c.get('session'), (token) => create(c.get('session'), token));
      c.set('session', s);
      return done(v, 'created');
    } catch (err) {
      if (!(err instanceof VseeError) || !err.ambiguous) throw err;
      const found = await findBooked(c, kind, intakeId, since).catch(() => 'unsure' as const);
      if (found && found !== 'unsure') return done(found, 'recovered');
      await deps.kv.set(mark, String(since), UNCERTAIN_TTL_MS).catch(() => {});
      throw err;
    }
  }

  app.post('/intakes', async (c) => {
    const body = await readBody(c, intakeRequest);
    const [intake, s] = await gateway.withToken(c.get('session'), (token) =>
      vsee.call({
        method: 'POST',
        path: 'intakes',
        token,
        schema: intakeCreated,
        body: {
          type: body.kind === 'walkin' ? VISIT_TYPE.walkin : VISIT_TYPE.appointment,
          reason_for_visit: body.reason,
          room_code: config.vsee.roomCode,
          location: body.state,
          phone: body.phone,
        },
      }),
    );
    c.set('session', { ...s, intakes: [...s.intakes, intake.id] });
    return c.json({ id: intake.id }, 201);
  });

  app.get('/availability', async (c) => {
    const q = readQuery(c, availabilityQuery);
    const intakeId = await searchIntake(c, q.intakeId);
    const from = Math.max(unix(q.from), Math.floor(deps.now() / 1000));
    const to = unix(q.to);
    const [slots, s] = await gateway.withToken(c.get('session'), (token) =>
      vsee.call({
        method: 'GET',
        path: 'availability',
        token,
        schema: z.array(availabilitySlot),
        query: { start: from, end: to, intake_id: intakeId, member_id: c.get('session').mid, room_code: config.vsee.roomCode },
      }),
    );
    c.set('session', s);
    const result: Availability = {
      slots: slots
        .filter((x) => x.start >= from && x.end <= to && x.end > x.start)
        .sort((a, b) => a.start - b.start)
        .map((x) => ({
          start: new Date(x.start * 1000).toISOString(),
          end: new Date(x.end * 1000).toISOString(),
          providerIds: x.providers,
        })),
    };
    return c.json(result);
  });

  app.post('/appointments', async (c) => {
    const body = await readBody(c, appointmentRequest);
    ownIntake(c, body.intakeId);
    return once(c, body, async () => {
      try {
        return await book(c, 'appointment', body.intakeId, (s, token) =>
          vsee.call({
            method: 'POST',
            path: 'visits',
            token,
            schema: vseeVisit,
            body: {
              member_id: s.mid,
              slot_start: unix(body.start),
              slot_end: unix(body.end),
              type: VISIT_TYPE.appointment,
              intakeId: body.intakeId, // sic: VSee's sample spells it in camel case
              room_code: config.vsee.roomCode,
            },
          }),
        );
      } catch (err) {
        if (slotTaken(err)) throw new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');
        throw err;
      }
    });
  });

  /** Walk-ins and e-consults: one VSee call with the intake and the room, no slot to choose. */
  async function addUnscheduled(c: Context<ProxyEnv>, kind: 'walkin' | 'econsult', intakeId: string) {
    ownIntake(c, intakeId);
    return once(c, { intakeId }, () =>
      book(c, kind, intakeId, (_s, token) =>
        vsee.call({
          method: 'POST',
          path: kind === 'walkin' ? 'visits/add_walkin' : 'visits/add_econsult',
          token,
          schema: vseeVisit,
          body: { intake_id: intakeId, room_code: config.vsee.roomCode },
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
    const body = await readBody(c, rescheduleRequest);
    const [v, s1] = await ownVisit(vsee, gateway, c.get('session'), c.req.param('id'));
    c.set('session', s1);
    const current = toVisit(v);
    if (current.kind !== 'appointment' || (current.status !== 'confirmed' && current.status !== 'pending')) {
      throw new Problem(409, 'conflict', 'Only an upcoming appointment can be moved to another time.');
    }
    return once(c, { id: v.id, ...body }, async () => {
      const start = unix(body.start);
      const end = unix(body.end);
      try {
        // VSee documents "POST /visits/:id?version=2" as "update an appointment"; its parameters
        // were lost from the page, so we send the names POST /visits uses (see README).
        const [updated, s2] = await gateway.withToken(c.get('session'), (token) =>
          vsee.call({
            method: 'POST',
            path: `visits/${v.id}`,
            query: { version: 2 },
            token,
            schema: vseeVisit,
            body: { slot_start: start, slot_end: end },
          }),
        );
        c.set('session', s2);
        audit(deps.log, 'reschedule', { visit: v.id, member: s2.mid });
        return presentVisit(updated, config.vsee.portalUrl);
      } catch (err) {
        if (slotTaken(err)) throw new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');
        if (!(err instanceof VseeError) || !err.ambiguous) throw err;
        // The answer was lost: if VSee moved the appointment, it now has the new time.
        const [after, s3] = await ownVisit(vsee, gateway, c.get('session'), v.id).catch(() => [null, null] as const);
        if (!after || after.start !== start || after.end !== end) throw err;
        c.set('session', s3);
        audit(deps.log, 'reschedule', { visit: v.id, member: s3.mid, recovered: true });
        return presentVisit(after, config.vsee.portalUrl);
      }
    }, 200);
  });

  return app;
}
