/**
 * Visit state changes shared by the API (patient closes) and the provider dashboard
 * (provider starts / completes). Status codes come from server/vsee/codes.ts.
 */
import { VISIT_STATUS, VISIT_SUBTYPE, type CloseReason } from '../vsee/codes';
import { fail } from './errors';
import type { Store, Visit } from './store';

const OPEN = new Set<number>([VISIT_STATUS.pending, VISIT_STATUS.confirmed]);

export const isOpen = (v: Visit): boolean => OPEN.has(v.status);
export const isFinal = (v: Visit): boolean =>
  v.status === VISIT_STATUS.completed || v.status === VISIT_STATUS.cancelled;

/**
 * The patient leaves or cancels. A waiting or booked visit becomes cancelled (50, our assumed
 * code); a visit in progress becomes completed, the way VSee's `visit.ended` webhook reports a
 * patient ending the call. A finished visit cannot be closed again.
 */
export function closeVisit(v: Visit, reason: CloseReason, byUserId: string, now: number): void {
  if (isFinal(v)) fail(400, 'This visit is already closed.');
  if (v.status === VISIT_STATUS.in_progress) {
    v.status = VISIT_STATUS.completed;
    v.actualEnd = now;
  } else {
    v.status = VISIT_STATUS.cancelled;
  }
  v.closeReason = reason;
  v.completedBy = byUserId;
  v.modified = now;
}

export const isEconsult = (v: Visit): boolean => v.subtype === VISIT_SUBTYPE.econsult;

/** An e-consult no provider has accepted yet (status 20, provider 0, as add_econsult answers). */
export const awaitsAcceptance = (v: Visit): boolean =>
  isEconsult(v) && v.status === VISIT_STATUS.confirmed && !v.providerId;

/**
 * Provider starts the visit; a walk-in without a provider gets the provider who starts it (a
 * signed-in provider), else the room's first provider (the open demo dashboard).
 */
export function startVisit(store: Store, v: Visit, now: number, byProviderId?: string): void {
  if (!isOpen(v)) fail(409, 'Only a waiting or confirmed visit can be started.');
  // VSee: the room's providers "will need to accept" an e-consult; it is not started like a call.
  if (isEconsult(v)) fail(409, 'An e-consult is accepted, not started.');
  if (!v.providerId) {
    const room = store.rooms.get(v.roomCode);
    const first = byProviderId ?? room?.providerIds[0];
    if (!first) fail(409, 'This room has no provider to take the visit.');
    v.providerId = first ?? null;
  }
  v.status = VISIT_STATUS.in_progress;
  v.actualStart = now;
  v.modified = now;
}

/**
 * A provider accepts an e-consult (seed 002: providers "will see it on their dashboards and will
 * need to accept it"). Assumption: accepting assigns the provider (the chosen one, else the room's
 * first) and puts the e-consult in progress (30), to be completed like any other visit.
 */
export function acceptEconsult(store: Store, v: Visit, providerId: string | undefined, now: number): void {
  if (!isEconsult(v)) fail(409, 'Only an e-consult can be accepted.');
  if (!awaitsAcceptance(v)) fail(409, 'This e-consult has already been accepted or closed.');
  const room = store.rooms.get(v.roomCode);
  const id = providerId ?? room?.providerIds[0];
  if (id === undefined) return fail(409, 'This room has no provider to take the e-consult.');
  if (!room?.providerIds.includes(id)) fail(400, 'Provider not found.');
  v.providerId = id;
  v.status = VISIT_STATUS.in_progress;
  v.actualStart = now;
  v.modified = now;
}

export function completeVisit(v: Visit, now: number): void {
  if (v.status !== VISIT_STATUS.in_progress) fail(409, 'Only a visit in progress can be completed.');
  v.status = VISIT_STATUS.completed;
  v.actualEnd = now;
  v.completedBy = v.providerId;
  v.modified = now;
}
