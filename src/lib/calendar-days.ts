/**
 * Calendar arithmetic on day keys ("2026-11-24"): the days a month calendar shows. Keys are
 * already in the patient's zone (see format-time's dayKey), so this is plain date arithmetic in
 * UTC, where no day is 23 or 25 hours long.
 */
import { currentLocale } from './i18n/language';

const DAY_MS = 86_400_000;

function toUtc(key: string): Date {
  const [y = 0, m = 1, d = 1] = key.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function toKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(key: string, days: number): string {
  return toKey(new Date(toUtc(key).getTime() + days * DAY_MS));
}

/** "2026-11" */
export function monthOf(key: string): string {
  return key.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return toKey(new Date(Date.UTC(y, m - 1 + months, 1))).slice(0, 7);
}

/**
 * The weeks of a month as rows of seven day keys, Sunday first (as US calendars are); days of
 * the neighbouring months are null.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const first = toUtc(`${month}-01`);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: first.getUTCDay() }, () => null);
  for (let day = first; toKey(day).startsWith(month); day = new Date(day.getTime() + DAY_MS)) {
    week.push(toKey(day));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

const tidy = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');
const inUtc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(currentLocale(), { ...options, timeZone: 'UTC' });

/** "November 2026" */
export function formatMonth(month: string): string {
  const text = tidy(inUtc({ month: 'long', year: 'numeric' }).format(toUtc(`${month}-01`)));
  return text.charAt(0).toLocaleUpperCase(currentLocale()) + text.slice(1);
}

/** "Tuesday, November 24" for a day key. */
export function formatDayKey(key: string): string {
  return tidy(inUtc({ weekday: 'long', month: 'long', day: 'numeric' }).format(toUtc(key)));
}

/** The short parts a date strip shows: "Tue", "24", "Nov". */
export function dayKeyParts(key: string): { weekday: string; day: string; month: string } {
  const date = toUtc(key);
  return {
    weekday: tidy(inUtc({ weekday: 'short' }).format(date)),
    day: String(date.getUTCDate()),
    month: tidy(inUtc({ month: 'short' }).format(date)),
  };
}

/** The seven weekday names, Sunday first: long (for listeners) and short (on screen). */
export function weekdayNames(): { long: string; short: string }[] {
  // 2026-11-22 is a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = toUtc(addDays('2026-11-22', i));
    return { long: tidy(inUtc({ weekday: 'long' }).format(date)), short: tidy(inUtc({ weekday: 'short' }).format(date)) };
  });
}
