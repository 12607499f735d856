/**
 * Free appointment slots, computed from the providers' weekly schedules (clinic local time)
 * minus the appointments they already hold. Slots sit on a 15-minute grid.
 */
import { VISIT_STATUS, VISIT_TYPE } from '../vsee/codes';
import { SLOT_SECONDS } from './seed';
import { addDays, weekdayOf, zonedParts, zonedTimeToUtc, toSeconds, type LocalDate } from './time';
import type { Room, Store, User } from './store';

export interface Slot {
  start: number;
  end: number;
  providers: string[];
}

export interface SlotQuery {
  room: Room;
  start: number;
  end: number;
  /** Slot length in seconds (a multiple of 15 minutes). */
  duration: number;
  providerId?: string;
  now: number;
  /** A visit whose own time does not count as taken (an appointment being rescheduled). */
  ignoreVisitId?: string;
}

const GRID_MINUTES = SLOT_SECONDS / 60;

/** Statuses in which an appointment holds its provider's time. */
const HOLDING = new Set<number>([VISIT_STATUS.pending, VISIT_STATUS.confirmed, VISIT_STATUS.in_progress]);

function busyIntervals(store: Store, providerId: string, ignoreVisitId?: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const v of store.visits.values()) {
    if (v.id === ignoreVisitId) continue;
    // Walk-ins queue rather than reserve calendar time, so only appointments block slots.
    if (v.providerId === providerId && v.type === VISIT_TYPE.appointment && HOLDING.has(v.status)) {
      out.push([v.start, v.end]);
    }
  }
  return out;
}

function providerSlots(provider: User, busy: Array<[number, number]>, q: SlotQuery): number[] {
  const tz = q.room.timezone;
  const starts: number[] = [];
  const first: LocalDate = zonedParts(q.start * 1000, tz);
  const last: LocalDate = zonedParts(q.end * 1000, tz);
  const durationMinutes = q.duration / 60;
  for (let d = first; ; d = addDays(d, 1)) {
    const weekday = weekdayOf(d);
    for (const block of provider.schedule) {
      if (!block.weekdays.includes(weekday)) continue;
      for (let m = block.from; m + durationMinutes <= block.to; m += GRID_MINUTES) {
        const s = toSeconds(zonedTimeToUtc(tz, d, Math.floor(m / 60), m % 60));
        const e = s + q.duration;
        if (s <= q.now || s < q.start || e > q.end) continue;
        if (busy.some(([bs, be]) => bs < e && s < be)) continue;
        starts.push(s);
      }
    }
    if (d.year === last.year && d.month === last.month && d.day === last.day) break;
  }
  return starts;
}

/** One entry per distinct slot at least one provider has free, sorted by start. */
export function freeSlots(store: Store, q: SlotQuery): Slot[] {
  const byStart = new Map<number, Slot>();
  const providers = store
    .providers(q.room)
    .filter((p) => q.providerId === undefined || p.id === q.providerId)
    .sort((a, b) => Number(a.id) - Number(b.id));
  for (const p of providers) {
    for (const s of providerSlots(p, busyIntervals(store, p.id, q.ignoreVisitId), q)) {
      const slot = byStart.get(s) ?? { start: s, end: s + q.duration, providers: [] };
      slot.providers.push(p.id);
      byStart.set(s, slot);
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** Rounds a requested length up to whole 15-minute slots (at least one). */
export function slotLength(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return SLOT_SECONDS;
  return Math.ceil(seconds / SLOT_SECONDS) * SLOT_SECONDS;
}
