/**
 * The page's name for the host page (`page {name}` in embed mode): stable words, never an id or
 * anything else from the address.
 */
import { matchPath } from 'react-router-dom';
import { paths } from '../lib/paths';

const PAGES: [pattern: string, name: string][] = [
  [paths.start, 'start'],
  [paths.details.pattern, 'details'],
  [paths.payment.pattern, 'payment'],
  [paths.visitDetails, 'visit-details'],
  [paths.appointmentTime, 'time'],
  [paths.appointmentReview, 'review'],
  [paths.visits, 'visits'],
  [paths.visit.pattern, 'visit'],
  [paths.rescheduleTime.pattern, 'reschedule-time'],
  [paths.rescheduleReview.pattern, 'reschedule-review'],
  [paths.waitingRoom.pattern, 'waiting-room'],
  [paths.returnVisit.pattern, 'return-visit'],
];

const KINDS = new Set(['appointment', 'walkin', 'econsult']);

export function pageName(pathname: string): string {
  for (const [pattern, name] of PAGES) {
    const match = matchPath(pattern, pathname);
    // /book/<anything>/details (or /payment) shows "not found" unless it names a kind of visit.
    if (match && ((name !== 'details' && name !== 'payment') || KINDS.has(match.params.kind ?? ''))) return name;
  }
  return 'not-found';
}
