/** Finding things the caller refers to, with VSee-style errors when they are missing or not theirs. */
import { SANDBOX } from './credentials';
import { fail, NOT_AVAILABLE } from './errors';
import type { Deps } from './deps';
import type { Consultation, Intake, Room, User, Visit } from './store';

/**
 * The caller's own intake, or one the caller made on someone's behalf (decision 067); anyone
 * else's looks exactly like a missing one (404).
 */
export function ownIntake(deps: Deps, user: User | null, id: string | undefined): Intake {
  const intake = id ? deps.store.intakes.get(id) : undefined;
  if (!intake || (user && intake.memberId !== user.id && intake.creatorId !== user.id)) return fail(404, NOT_AVAILABLE);
  return intake;
}

/** Whether this user is the visit's patient or booked it on the patient's behalf (decision 067). */
export const memberOrCreator = (visit: Visit, userId: string): boolean => visit.memberId === userId || visit.creatorId === userId;

/** A visit the caller may see: their own (member), one they booked for someone, or one assigned to them (provider). */
export function ownVisit(deps: Deps, user: User, id: string | undefined): Visit {
  const visit = id ? deps.store.visits.get(id) : undefined;
  if (!visit || (!memberOrCreator(visit, user.id) && visit.providerId !== user.id)) return fail(404, NOT_AVAILABLE);
  return visit;
}

/**
 * The patient named by an "on behalf of" `member_id` (seed 002: "Patient's code ID on behalf of
 * whom the intake will be created"): a patient (type 200) of the account, by user id or SSO code.
 * Assumption (decision 067): VSee documents no tie between the two, so any patient may be named;
 * the sandbox refuses only someone who is not a patient.
 */
export function onBehalfOf(deps: Deps, ref: string): User {
  const byId = deps.store.users.get(ref);
  const user = byId ?? [...deps.store.users.values()].find((u) => u.code === ref);
  if (!user || user.type !== 200) return fail(400, 'member_id is not a patient of this clinic.');
  return user;
}

/** Assumption: with neither a room_code nor an intake room, the account's (only) room is meant. */
export function roomFor(deps: Deps, code: string | undefined, intake?: Intake): Room {
  const fromIntake = intake?.fields.room_code;
  const wanted = code ?? (typeof fromIntake === 'string' && fromIntake ? fromIntake : SANDBOX.roomCode);
  return deps.store.rooms.get(wanted) ?? fail(404, 'Room not found.');
}

export function roomProvider(deps: Deps, room: Room, id: string): User {
  const user = room.providerIds.includes(id) ? deps.store.users.get(id) : undefined;
  return user ?? fail(400, 'Provider not found.');
}

/** A consultation given as an object with an id, a JSON string of one, or a bare id. */
export function consultationFor(room: Room, raw: unknown): Consultation {
  let id: unknown = raw;
  if (typeof raw === 'string' && raw.trim().startsWith('{')) {
    try {
      id = JSON.parse(raw) as unknown;
    } catch {
      fail(400, 'consultation is not valid JSON.');
    }
  }
  if (id && typeof id === 'object' && 'id' in id) id = (id as { id: unknown }).id;
  const found = room.consultations.find((c) => c.id === String(id));
  return found ?? fail(400, 'Consultation not found.');
}
