/**
 * How the sandbox decides what DexCare reports: a region's opening windows, whether it is
 * available now (and why not), and the estimated wait from its own queue.
 */
import { addDays, zonedParts, zonedTimeToUtc, type LocalDate } from '../vsee-sandbox/time';
import type { Region, Store, Visit } from './store';

/** How many days of opening windows the practice answer lists. */
export const WINDOW_DAYS = 7;
/** Assumed length of a visit, for the wait estimate. */
export const VISIT_SECONDS = 600;
/** Time for a free provider to pick up the next patient. */
export const PICKUP_SECONDS = 120;

export type Reason = 'NO_REGIONS_FOUND' | 'REGION_BUSY' | 'OFF_HOURS' | 'NO_ONCALL_PROVIDERS';

/** Opening windows (unix ms) that end after `nowMs`, at most WINDOW_DAYS days of them. */
export function windows(region: Region, nowMs: number): Array<{ start: number; end: number }> {
  const today: LocalDate = zonedParts(nowMs, region.timeZone);
  const out: Array<{ start: number; end: number }> = [];
  // From yesterday: a window that opened yesterday may still be open (it crosses midnight).
  for (let d = -1; d < WINDOW_DAYS; d++) {
    const day = addDays(today, d);
    let start: number;
    let end: number;
    if (region.hours.kind === 'always') {
      start = zonedTimeToUtc(region.timeZone, day, 0);
      end = zonedTimeToUtc(region.timeZone, addDays(day, 1), 0);
    } else {
      start = zonedTimeToUtc(region.timeZone, day, Math.floor(region.hours.from / 60), region.hours.from % 60);
      end = start + region.hours.minutes * 60_000;
    }
    if (end > nowMs) out.push({ start, end });
  }
  return out.slice(0, WINDOW_DAYS);
}

export function isOpen(region: Region, nowMs: number): boolean {
  return windows(region, nowMs).some((w) => w.start <= nowMs && nowMs < w.end);
}

/**
 * null when a patient may join now; else the first reason that applies, in this order: the
 * region does not exist (or is not active), it is closed, nobody is on call, staff marked it busy.
 */
export function unavailableReason(store: Store, regionId: string, nowMs: number): Reason | null {
  const region = store.regions.get(regionId);
  if (!region || !region.active) return 'NO_REGIONS_FOUND';
  if (!isOpen(region, nowMs)) return 'OFF_HOURS';
  if (region.onCall.length === 0) return 'NO_ONCALL_PROVIDERS';
  if (region.busy) return 'REGION_BUSY';
  return null;
}

const inRegion = (store: Store, regionId: string) => [...store.visits.values()].filter((v) => v.regionId === regionId);

/**
 * Seconds until a provider would see a patient who joins the region's queue after the given
 * visits: a pick-up time, plus one visit length for each full round of the on-call providers
 * that the visits in progress and those waiting ahead keep busy.
 */
function estimate(region: Region, ahead: number, inVisit: number): number {
  const providers = Math.max(1, region.onCall.length);
  return PICKUP_SECONDS + Math.floor((ahead + inVisit) / providers) * VISIT_SECONDS;
}

/** The region's estimate for a patient joining now (GET …/waittime). */
export function regionWait(store: Store, region: Region): number {
  const visits = inRegion(store, region.id);
  return estimate(region, visits.filter((v) => v.status === 'waiting').length, visits.filter((v) => v.status === 'in_visit').length);
}

/** The estimate for a visit already waiting: only those who joined before it count as ahead. */
export function visitWait(store: Store, visit: Visit): number {
  const region = store.regions.get(visit.regionId);
  if (!region) return PICKUP_SECONDS;
  const visits = inRegion(store, region.id);
  const ahead = visits.filter((v) => v.status === 'waiting' && (v.created < visit.created || (v.created === visit.created && v.id < visit.id))).length;
  return estimate(region, ahead, visits.filter((v) => v.status === 'in_visit').length);
}
