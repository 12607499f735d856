/**
 * Times are shown in the patient's own timezone, and the page says which. English only for now,
 * so the locale is fixed; the timezone never is.
 */
const LOCALE = 'en-US';

/** Newer ICU puts narrow no-break spaces in "9:00 AM"; plain spaces keep names predictable. */
const tidy = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');

export function patientTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Pacific Standard Time" — the zone's long name at a given moment (it changes with daylight saving). */
export function timeZoneName(timeZone: string, at: Date | string = new Date()): string {
  const part = new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part ? tidy(part.value) : timeZone;
}

/** "Pacific Standard Time (America/Los_Angeles)" */
export function timeZoneLabel(timeZone: string = patientTimeZone(), at: Date | string = new Date()): string {
  const name = timeZoneName(timeZone, at);
  return name === timeZone ? timeZone : `${name} (${timeZone})`;
}

/** A sortable calendar-day key ("2026-11-24") for the day the moment falls on in that zone. */
export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Tuesday, November 24" */
export function formatDay(iso: string, timeZone: string): string {
  return tidy(new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso)));
}

/** "Tuesday, November 24, 2026" */
export function formatDate(iso: string, timeZone: string): string {
  return tidy(
    new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(
      new Date(iso),
    ),
  );
}

/** "9:00 AM" */
export function formatTime(iso: string, timeZone: string): string {
  return tidy(new Intl.DateTimeFormat(LOCALE, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso)));
}

/** "9:00 AM Pacific Standard Time" */
export function formatTimeWithZone(iso: string, timeZone: string): string {
  return tidy(
    new Intl.DateTimeFormat(LOCALE, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'long' }).format(
      new Date(iso),
    ),
  );
}

/** "Tuesday, November 24, 9:00 AM Pacific Standard Time": everything a listener needs in one name. */
export function formatSlotName(iso: string, timeZone: string): string {
  return `${formatDay(iso, timeZone)}, ${formatTimeWithZone(iso, timeZone)}`;
}

/** "9:00 AM to 9:30 AM Pacific Standard Time" */
export function formatTimeRange(startIso: string, endIso: string, timeZone: string): string {
  return `${formatTime(startIso, timeZone)} to ${formatTimeWithZone(endIso, timeZone)}`;
}

/** "less than a minute", "1 minute", "2 hours 5 minutes" */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (hours === 0) return plural(minutes, 'minute');
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}
