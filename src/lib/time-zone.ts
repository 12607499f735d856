/**
 * Which timezone times are shown in: the device's own (detected) until the patient picks another,
 * then that one for the rest of the visit to the site. Kept in memory only, like the booking
 * flow: a reload starts again from the device's zone. The list the picker offers is in
 * time-zone-choices.ts, with the picker's pages (docs/decisions/068-first-page-bytes.md).
 */
import { useSyncExternalStore } from 'react';

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
