/**
 * The zones the "Time zone" picker offers and how it names them. Apart from time-zone.ts, which
 * the start page runs, so the first download does not carry the list (docs/decisions/068).
 */
import { timeZoneCity, timeZoneName } from './format-time';
import { currentLocale } from './i18n/language';
import { detectedTimeZone, isValidTimeZone } from './time-zone';

/** Offered in every "Time zone" list, east to west. */
export const COMMON_US_TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const;

/** The zones to offer: the common US ones, plus the device's, the clinic's and the current one. */
export function timeZoneChoices(clinicZone: string | undefined, current: string): string[] {
  const extra = [detectedTimeZone(), clinicZone, current].filter(
    (zone): zone is string => zone !== undefined && isValidTimeZone(zone),
  );
  return [...new Set([...extra.filter((zone) => !(COMMON_US_TIME_ZONES as readonly string[]).includes(zone)), ...COMMON_US_TIME_ZONES])];
}

/** "Eastern Time – New York", so two zones with one name stay apart. */
export function timeZoneOptionLabel(timeZone: string): string {
  // Spanish names a zone in lower case inside a sentence ("hora del Pacífico"); a list item starts a line.
  const name = timeZoneName(timeZone);
  return `${name.charAt(0).toLocaleUpperCase(currentLocale())}${name.slice(1)} – ${timeZoneCity(timeZone)}`;
}
