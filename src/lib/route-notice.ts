/**
 * A one-line message carried to the next page in router state (memory only, never the URL),
 * e.g. "that time was just taken", as its catalogue key (the page says it in its language); and the mark that the patient arrives on a visit's page
 * straight from booking it (the page then ends the booking steps). Router state is untyped, so
 * it is checked on the way in.
 */
import { useLocation } from 'react-router-dom';
import type { Messages } from './i18n/en';
import { useI18n } from './i18n/language';

export type NoticeKey = keyof Messages['notices'];

export interface RouteNotice {
  notice: NoticeKey;
}

export function noticeState(notice: NoticeKey): RouteNotice {
  return { notice };
}

/** The notice carried here, in the page's language; null when there is none. */
export function useRouteNotice(): string | null {
  const { state } = useLocation() as { state: unknown };
  const { t } = useI18n();
  if (typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string') {
    return Object.hasOwn(t.notices, state.notice) ? t.notices[state.notice as NoticeKey] : null;
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
