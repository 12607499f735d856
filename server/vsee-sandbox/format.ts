/** Words and times for the portal pages. */
import { VISIT_STATUS, VISIT_SUBTYPE, VISIT_TYPE } from '../vsee/codes';
import type { User, Visit } from './store';

const STATUS_WORDS: Record<number, string> = {
  [VISIT_STATUS.pending]: 'Waiting for a provider',
  [VISIT_STATUS.confirmed]: 'Confirmed',
  [VISIT_STATUS.in_progress]: 'In progress',
  [VISIT_STATUS.completed]: 'Completed',
  [VISIT_STATUS.cancelled]: 'Cancelled',
};

export const statusWords = (status: number): string => STATUS_WORDS[status] ?? `Status ${status}`;

export function kindWords(v: Visit): string {
  if (v.subtype === VISIT_SUBTYPE.econsult) return 'E-consult';
  return v.type === VISIT_TYPE.walkin ? 'Walk-in' : 'Appointment';
}

/** "Dr. Amara Okafor" */
export const providerName = (p: User): string => [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');

/** "Maria L.": the provider dashboard shows no more of the patient than this. */
export const shortName = (u: User | undefined): string =>
  u ? `${u.firstName} ${u.lastName.slice(0, 1)}.`.trim() : 'Unknown patient';

export function formatWhen(seconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(seconds * 1000));
}

export function formatTime(seconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(
    new Date(seconds * 1000),
  );
}

export function formatDate(seconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'full' }).format(new Date(seconds * 1000));
}

/** "less than a minute", "5 min", "1 h 5 min" */
export function waitText(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}
