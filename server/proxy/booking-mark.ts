/**
 * Exactly once per intake, even when a proxy dies mid-call or VSee's answer is lost.
 *
 * VSee has no idempotency keys, so before the create call the proxy writes a write-ahead mark for
 * the intake in the shared store: "may be booked since <at>". Whatever happens next — an answer,
 * a lost answer, the process killed — the mark is there for the next attempt, on any copy:
 *
 * - `booked` → the intake was used: refused (409), never booked again.
 * - `pending` and young (its attempt may still be running, or VSee may still be working on a
 *   request it got late) → 409 `booking_pending` with Retry-After: "still checking".
 * - `pending` and old → look for the visit at VSee (GET /visits, matched by intake); found → that
 *   is the answer; surely none → take the mark over atomically and book; cannot tell → 502.
 *
 * See docs/decisions/006-exactly-once.md.
 */
import { z } from 'zod';
import type { VisitKind } from '../../src/api/contract';
import { VseeError } from '../vsee/client';
import { visit as vseeVisit, type VseeVisit } from '../vsee/schemas';
import type { ProxyDeps } from './context';
import type { PatientHandle } from './patient';
import { PENDING_MESSAGE, Problem, STORE_DOWN_MESSAGE } from './problem';
import { toVisit } from './visit-view';

/** How long an intake's mark is kept: longer than any session that could book it. */
const MARK_TTL_MS = 24 * 60 * 60 * 1000;
/** At most this many visits are read one by one when GET /visits does not name their intake. */
const MAX_LOOKUPS = 3;
/** VSee's clock and ours may differ: visits "created" this much before the mark still count. */
const CLOCK_SLACK_S = 120;

const mark = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), at: z.number() }),
  z.object({ state: z.literal('booked'), at: z.number(), visit: z.string() }),
]);
type Mark = z.infer<typeof mark>;

const listedVisit = vseeVisit.extend({ created: z.union([z.number(), z.string()]).nullish() });

/** What booking once needs of the proxy, and of the patient (their VSee calls). */
type BookingDeps = Pick<ProxyDeps, 'kv' | 'config' | 'now' | 'log'>;
type BookingPatient = Pick<PatientHandle, 'memberId' | 'call'>;

export interface BookingAttempt {
  kind: VisitKind;
  intakeId: string;
  /** Whom the visit is for, when not the patient (an intake made on someone's behalf, decision 067). */
  memberId?: string;
  /** The whole booking's deadline (BOOKING_TIMEOUT_MS): every VSee call below ends by it. */
  signal: AbortSignal;
  create: (signal: AbortSignal) => Promise<VseeVisit>;
}

/** A store failure while guarding a booking: refuse rather than risk a second visit. */
function storeDown(deps: BookingDeps, err: unknown): Problem {
  deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'booking mark store failed');
  return new Problem(503, 'upstream_unavailable', STORE_DOWN_MESSAGE, undefined, 30);
}

/**
 * The visit this intake was booked into, if VSee made one although its answer never reached us.
 * GET /visits does not always carry `intake_id` (VSee's sample lacks it), so recent candidates
 * of the right kind are read one by one, newest first, within the booking's deadline. `'unsure'`
 * when time ran out or there were too many to read.
 */
async function findBooked(patient: BookingPatient, a: BookingAttempt, sinceS: number): Promise<VseeVisit | null | 'unsure'> {
  const all = await patient.call({ method: 'GET', path: 'visits', schema: z.array(listedVisit), signal: a.signal });
  const candidates = all
    .filter((v) => {
      if ((v.member_id && v.member_id !== (a.memberId ?? patient.memberId)) || (v.intake_id && v.intake_id !== a.intakeId)) return false;
      if (v.created != null && Number(v.created) < sinceS) return false;
      try {
        const pv = toVisit(v);
        return pv.kind === a.kind && pv.status !== 'cancelled' && pv.status !== 'completed';
      } catch {
        return false;
      }
    })
    .sort((x, y) => Number(y.created ?? 0) - Number(x.created ?? 0));
  if (candidates.length > MAX_LOOKUPS) return 'unsure';
  for (const v of candidates) {
    if (a.signal.aborted) return 'unsure'; // the patient has waited long enough
    const detail = await patient.call({ method: 'GET', path: `visits/${v.id}`, schema: vseeVisit, signal: a.signal });
    if (detail.intake_id === a.intakeId && detail.member_id === (a.memberId ?? patient.memberId)) return detail;
  }
  return null;
}

/**
 * An error answer VSee's own servers gave after finishing the request. Not 502/504: those come
 * from a gateway whose upstream — VSee — may still be working on the booking.
 */
function finishedAnswer(err: VseeError): boolean {
  return err.kind === 'http' && err.status >= 500 && err.status !== 502 && err.status !== 504;
}

const unsure = () => new VseeError(0, 'Could not tell whether an earlier booking was made', 'timeout');

/**
 * Makes the visit for one intake, never twice (see the top of this file). Answers the visit and
 * whether it was found rather than made by this call.
 */
export async function bookOnce(deps: BookingDeps, patient: BookingPatient, a: BookingAttempt): Promise<{ visit: VseeVisit; recovered: boolean }> {
  const { kv } = deps;
  const key = `book:${patient.memberId}:${a.intakeId}`;
  const youngMs = deps.config.booking.timeoutMs + deps.config.booking.settleMs;
  const mine = JSON.stringify({ state: 'pending', at: deps.now() } satisfies Mark);
  const booked = (v: VseeVisit) => JSON.stringify({ state: 'booked', at: deps.now(), visit: v.id } satisfies Mark);
  const recordBooked = (v: VseeVisit) =>
    kv.set(key, booked(v), MARK_TTL_MS).catch((err: Error) => {
      // The visit exists; a later attempt will find it through the pending mark instead.
      deps.log.error({ err: { name: err.name, message: err.message } }, 'booking mark store failed');
    });

  // 1. The write-ahead mark, before VSee hears of the booking.
  let ours: boolean;
  let earlier: string | null = null;
  try {
    ours = await kv.setIfAbsent(key, mine, MARK_TTL_MS);
    if (!ours) earlier = await kv.get(key);
    if (!ours && earlier === null) ours = await kv.setIfAbsent(key, mine, MARK_TTL_MS); // it just expired
  } catch (err) {
    throw storeDown(deps, err);
  }

  if (!ours) {
    const m = earlier === null ? null : mark.safeParse(JSON.parse(earlier));
    if (!m?.success) throw new Problem(409, 'booking_pending', PENDING_MESSAGE, undefined, 3);
    if (m.data.state === 'booked') {
      throw new Problem(409, 'conflict', 'These visit details were already used for a booking. You can find it under My visits.');
    }
    const age = deps.now() - m.data.at;
    if (age < youngMs) {
      throw new Problem(409, 'booking_pending', PENDING_MESSAGE, undefined, Math.min(30, (youngMs - age) / 1000));
    }
    // 2. The earlier attempt is over and VSee has had time to settle: did it book?
    const found = await findBooked(patient, a, Math.floor(m.data.at / 1000) - CLOCK_SLACK_S);
    if (found === 'unsure') throw unsure();
    if (found) {
      await recordBooked(found);
      return { visit: found, recovered: true };
    }
    // Surely not booked: take the mark over; of two retries racing here, one wins.
    let took: boolean;
    try {
      took = await kv.swap(key, earlier!, mine, MARK_TTL_MS);
    } catch (err) {
      throw storeDown(deps, err);
    }
    if (!took) throw new Problem(409, 'booking_pending', PENDING_MESSAGE, undefined, 3);
  }

  // 3. The create call, within the booking's deadline.
  let made: VseeVisit;
  try {
    made = await a.create(a.signal);
  } catch (err) {
    if (!(err instanceof VseeError) || !err.ambiguous) {
      // VSee said no: nothing was booked, the intake may be tried again at once.
      await kv.swap(key, mine, null, MARK_TTL_MS).catch(() => {});
      throw err;
    }
    // The answer was lost: look now, with what is left of the deadline; else the mark stays.
    const found = await findBooked(patient, a, Math.floor(JSON.parse(mine).at / 1000) - CLOCK_SLACK_S).catch(() => 'unsure' as const);
    if (found && found !== 'unsure') {
      await recordBooked(found);
      return { visit: found, recovered: true };
    }
    if (found === null && finishedAnswer(err)) {
      // VSee itself answered (500, 503) and is done with the request: a search that finds
      // nothing can be trusted, so the patient may try again at once.
      await kv.swap(key, mine, null, MARK_TTL_MS).catch(() => {});
    }
    throw err;
  }
  await recordBooked(made);
  return { visit: made, recovered: false };
}
