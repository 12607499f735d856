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
import { availabilitySlot, intakeCreated, visit as vseeVisit } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody, readQuery } from '../input';
import { ownVisit, presentVisit, toVisit } from '../patient';
import { Problem } from '../problem';

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);
const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

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
    const claim = deps.idempotency.claim(key, body);
    if (claim.kind === 'running') throw new Problem(409, 'conflict', 'This booking is already being made. Please wait a moment.');
    if (claim.kind === 'mismatch') throw new Problem(422, 'bad_request', 'This booking attempt changed; please start it again.');
    if (claim.kind === 'replay') return c.json(claim.body, claim.status as 200 | 201);
    try {
      const result = await create();
      deps.idempotency.finish(key, status, result);
      return c.json(result, status);
    } catch (err) {
      deps.idempotency.release(key);
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
        const [v, s] = await gateway.withToken(c.get('session'), (token) =>
          vsee.call({
            method: 'POST',
            path: 'visits',
            token,
            schema: vseeVisit,
            body: {
              member_id: c.get('session').mid,
              slot_start: unix(body.start),
              slot_end: unix(body.end),
              type: VISIT_TYPE.appointment,
              intakeId: body.intakeId, // sic: VSee's sample spells it in camel case
              room_code: config.vsee.roomCode,
            },
          }),
        );
        c.set('session', s);
        deps.log.info({ audit: 'booking', kind: 'appointment', visit: v.id, member: s.mid });
        return presentVisit(v, config.vsee.portalUrl);
      } catch (err) {
        if (slotTaken(err)) throw new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');
        throw err;
      }
    });
  });

  app.post('/walkins', async (c) => {
    const body = await readBody(c, walkinRequest);
    ownIntake(c, body.intakeId);
    return once(c, body, async () => {
      const [v, s] = await gateway.withToken(c.get('session'), (token) =>
        vsee.call({
          method: 'POST',
          path: 'visits/add_walkin',
          token,
          schema: vseeVisit,
          body: { intake_id: body.intakeId, room_code: config.vsee.roomCode },
        }),
      );
      c.set('session', s);
      deps.log.info({ audit: 'booking', kind: 'walkin', visit: v.id, member: s.mid });
      return presentVisit(v, config.vsee.portalUrl);
    });
  });

  app.post('/econsults', async (c) => {
    if (!config.econsult) throw new Problem(403, 'forbidden', 'This clinic does not take e-consults.');
    const body = await readBody(c, econsultRequest);
    ownIntake(c, body.intakeId);
    return once(c, body, async () => {
      const [v, s] = await gateway.withToken(c.get('session'), (token) =>
        vsee.call({
          method: 'POST',
          path: 'visits/add_econsult',
          token,
          schema: vseeVisit,
          body: { intake_id: body.intakeId, room_code: config.vsee.roomCode },
        }),
      );
      c.set('session', s);
      deps.log.info({ audit: 'booking', kind: 'econsult', visit: v.id, member: s.mid });
      return presentVisit(v, config.vsee.portalUrl);
    });
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
            body: { slot_start: unix(body.start), slot_end: unix(body.end) },
          }),
        );
        c.set('session', s2);
        deps.log.info({ audit: 'reschedule', visit: v.id, member: s2.mid });
        return presentVisit(updated, config.vsee.portalUrl);
      } catch (err) {
        if (slotTaken(err)) throw new Problem(409, 'slot_taken', 'Someone else just booked that time. Please choose another.');
        throw err;
      }
    }, 200);
  });

  return app;
}
