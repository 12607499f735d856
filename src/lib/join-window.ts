/**
 * When "Join video visit" is offered: an appointment from 15 minutes before its start (as VSee's
 * own appointment page does), a visit under way at any time. The proxy checks the same rule.
 */
import { JOIN_WINDOW_MS, type Visit } from '../api/contract';

export type JoinState = { kind: 'open' } | { kind: 'later'; opensAt: string } | { kind: 'closed' };

export function joinState(visit: Pick<Visit, 'kind' | 'status' | 'start'>, now: number): JoinState {
  if (visit.kind === 'econsult' || visit.status === 'cancelled' || visit.status === 'completed') return { kind: 'closed' };
  if (visit.status === 'in_progress' || visit.kind === 'walkin') return { kind: 'open' };
  const opens = Date.parse(visit.start) - JOIN_WINDOW_MS;
  return now >= opens ? { kind: 'open' } : { kind: 'later', opensAt: new Date(opens).toISOString() };
}
