/**
 * Which timezone times are shown in: the device's own (detected) until the patient picks another,
 * then that one for the rest of the visit to the site. Kept in memory only, like the booking
 * flow: a reload starts again from the device's zone.
 */
import { useSyncExternalStore } from 'react';
import { timeZoneCity, timeZoneName } from './format-time';
import { currentLocale } from './i18n/language';

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

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The device's timezone, as the browser reports it. */
export function detectedTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && isValidTimeZone(zone)) return zone;
  } catch {
    // An old browser without timezone support: fall through.
  }
  return 'UTC';
}

let chosen: string | null = null;
const listeners = new Set<() => void>();

function currentTimeZone(): string {
  return chosen ?? detectedTimeZone();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function chooseTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone) || timeZone === currentTimeZone()) return;
  chosen = timeZone;
  for (const listener of listeners) listener();
}

/** Back to the device's zone (tests start from it). */
export function resetTimeZoneChoice(): void {
  chosen = null;
  for (const listener of listeners) listener();
}

/** The zone times are shown in; re-renders when the patient picks another. */
export function useTimeZone(): string {
  return useSyncExternalStore(subscribe, currentTimeZone, currentTimeZone);
}

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
