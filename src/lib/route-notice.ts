/**
 * A one-line message carried to the next page in router state (memory only, never the URL),
 * e.g. "that time was just taken"; and the mark that the patient arrives on a visit's page
 * straight from booking it (the page then ends the booking steps). Router state is untyped, so
 * it is checked on the way in.
 */
import { useLocation } from 'react-router-dom';

export interface RouteNotice {
  notice: string;
}

export function noticeState(notice: string): RouteNotice {
  return { notice };
}

export function useRouteNotice(): string | null {
  const { state } = useLocation() as { state: unknown };
  if (typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string') {
    return state.notice;
  }
  return null;
}

export function bookedState(): { booked: true } {
  return { booked: true };
}

/** This page is the last step of the booking that just happened. */
export function useJustBooked(): boolean {
  const { state } = useLocation() as { state: unknown };
  return typeof state === 'object' && state !== null && 'booked' in state && state.booked === true;
}
