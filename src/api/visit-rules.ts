/**
 * What a patient may do with a visit, decided in one place: the proxy enforces these rules, the
 * SPA offers only what they allow, and the component tests' fake answers by them. Pure functions
 * of the visit and the time (docs/decisions/010-visit-rules.md).
 */
import type { Visit } from './contract';

type Facts = Pick<Visit, 'kind' | 'status' | 'end'>;
/** Phone and in-person visits have no video call to join or share (issue #16). */
type VideoFacts = Facts & Partial<Pick<Visit, 'modality'>>;
const hasVideo = (visit: VideoFacts) => visit.modality === undefined || visit.modality === 'video';

/** Still ahead of the patient or under way: listed under "Upcoming". */
export function isUpcoming(visit: Facts, now: number): boolean {
  switch (visit.status) {
    case 'in_progress':
      return true;
    case 'pending':
    case 'confirmed':
      // An appointment whose time has passed without being started is over; a walk-in in the
      // queue or an e-consult awaiting its answer has no end time that matters.
      return visit.kind !== 'appointment' || Date.parse(visit.end) > now;
    case 'completed':
    case 'cancelled':
      return false;
  }
}

/** A walk-in in the queue, before the provider starts it. */
export function isWaiting(visit: Pick<Visit, 'kind' | 'status'>): boolean {
  return visit.kind === 'walkin' && (visit.status === 'pending' || visit.status === 'confirmed');
}

/** Cancel an appointment, leave the queue, withdraw an e-consult: only before it has started. */
export function canCancel(visit: Facts, now: number): boolean {
  return visit.status !== 'in_progress' && isUpcoming(visit, now);
}

/** Move to another time: an appointment that could still be cancelled. */
export function canReschedule(visit: Facts, now: number): boolean {
  return visit.kind === 'appointment' && canCancel(visit, now);
}

/** Guests join a confirmed appointment not yet over, or a walk-in waiting or started (VSee's use case 5). */
export function canInvite(visit: VideoFacts, now: number): boolean {
  if (!hasVideo(visit)) return false;
  if (visit.kind === 'appointment') return visit.status === 'confirmed' && isUpcoming(visit, now);
  return visit.kind === 'walkin' && (visit.status === 'pending' || visit.status === 'in_progress');
}

/**
 * The portal can take the patient into this visit: an appointment not yet over, a walk-in in the
 * queue (VSee's own waiting room) or started. An e-consult has no video; nor has a phone or
 * in-person visit.
 */
export function canJoin(visit: VideoFacts, now: number): boolean {
  return visit.kind !== 'econsult' && hasVideo(visit) && isUpcoming(visit, now);
}
