/**
 * Times are shown in the patient's chosen timezone (see lib/time-zone), and every time says
 * which, in the page's language (see lib/i18n): "9:00 AM Pacific Time", "9:00 a.m. hora del Pacífico".
 */
import { currentLocale, currentMessages, format, plural } from './i18n/language';

/** Newer ICU puts narrow no-break spaces in "9:00 AM"; plain spaces keep names predictable. */
const tidy = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');

function zonePart(timeZone: string, style: 'long' | 'longGeneric', at: Date | string): string | null {
  const part = new Intl.DateTimeFormat(currentLocale(), { timeZone, timeZoneName: style })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part ? tidy(part.value) : null;
}

/**
 * "Pacific Time": the zone's everyday name, the same all year. Where ICU has no such name it
 * answers with an offset ("GMT+00:00"); the specific name ("Coordinated Universal Time") reads better.
 */
export function timeZoneName(timeZone: string, at: Date | string = new Date()): string {
  const generic = zonePart(timeZone, 'longGeneric', at);
  if (generic && !generic.startsWith('GMT')) return generic;
  return zonePart(timeZone, 'long', at) ?? timeZone;
}

/** "New York" from "America/New_York": tells apart zones that share a name. */
export function timeZoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** A sortable calendar-day key ("2026-11-24") for the day the moment falls on in that zone. */
export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Tuesday, November 24" */
export function formatDay(iso: string, timeZone: string): string {
  return tidy(new Intl.DateTimeFormat(currentLocale(), { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso)));
}

/** "Tuesday, November 24, 2026" */
export function formatDate(iso: string, timeZone: string): string {
  return tidy(
    new Intl.DateTimeFormat(currentLocale(), { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(
      new Date(iso),
    ),
  );
}

/** "9:00 AM" */
export function formatTime(iso: string, timeZone: string): string {
  return tidy(new Intl.DateTimeFormat(currentLocale(), { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso)));
}

/**
 * Whether this wall-clock time happens twice in the zone (the hour repeated when daylight saving
 * ends): "1:30 AM Pacific Time" would then name two moments.
 */
function isRepeatedLocalTime(iso: string, timeZone: string): boolean {
  const t = Date.parse(iso);
  const local = (ms: number) => {
    const at = new Date(ms).toISOString();
    return `${dayKey(at, timeZone)} ${formatTime(at, timeZone)}`;
  };
  const here = local(t);
  return [-3_600_000, -1_800_000, 1_800_000, 3_600_000].some((shift) => local(t + shift) === here);
}

/**
 * The zone's name for one moment: the everyday name ("Pacific Time"), or in the repeated hour the
 * specific one ("Pacific Daylight Time" / "Pacific Standard Time") so the two stay apart.
 */
function zoneNameAt(iso: string, timeZone: string): string {
  if (isRepeatedLocalTime(iso, timeZone)) return zonePart(timeZone, 'long', iso) ?? timeZoneName(timeZone, iso);
  return timeZoneName(timeZone, iso);
}

/** "9:00 AM Pacific Time" */
export function formatTimeWithZone(iso: string, timeZone: string): string {
  return `${formatTime(iso, timeZone)} ${zoneNameAt(iso, timeZone)}`;
}

/** "Tuesday, November 24, 9:00 AM Pacific Time": everything a listener needs in one name. */
export function formatSlotName(iso: string, timeZone: string): string {
  return `${formatDay(iso, timeZone)}, ${formatTimeWithZone(iso, timeZone)}`;
}

/** "9:00 AM to 9:30 AM Pacific Time" */
export function formatTimeRange(startIso: string, endIso: string, timeZone: string): string {
  return format(currentMessages().time.range, {
    start: formatTime(startIso, timeZone),
    end: formatTimeWithZone(endIso, timeZone),
  });
}

/** "less than a minute", "1 minute", "2 hours 5 minutes" */
export function formatDuration(ms: number): string {
  const words = currentMessages().time;
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return words.lessThanMinute;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(words.minutes, minutes);
  if (rest === 0) return plural(words.hours, hours);
  return format(words.hoursAndMinutes, { hours: plural(words.hours, hours), minutes: plural(words.minutes, rest) });
}
