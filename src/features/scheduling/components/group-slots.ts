import type { Slot } from '../../../api/contract';
import { dayKey, formatDay } from '../../../lib/format-time';

export interface SlotDay {
  /** "2026-11-24" in the patient's timezone. */
  key: string;
  /** "Tuesday, November 24" */
  label: string;
  slots: Slot[];
}

/** Slots grouped by the calendar day they fall on for the patient, earliest first. */
export function groupSlotsByDay(slots: readonly Slot[], timeZone: string): SlotDay[] {
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const days = new Map<string, SlotDay>();
  for (const slot of sorted) {
    const key = dayKey(slot.start, timeZone);
    const day = days.get(key);
    if (day) day.slots.push(slot);
    else days.set(key, { key, label: formatDay(slot.start, timeZone), slots: [slot] });
  }
  return [...days.values()];
}

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** Hour of the day (0–23) at which the moment falls in that zone. */
function localHour(iso: string, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(iso))
    .find((part) => part.type === 'hour');
  return Number(hour?.value ?? 0) % 24;
}

/** Morning before noon, afternoon before 5 PM, evening after: as a patient reads a clock. */
export function dayPart(iso: string, timeZone: string): DayPart {
  const hour = localHour(iso, timeZone);
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

export interface DayPartGroup {
  part: DayPart;
  slots: Slot[];
}

/** One day's slots split into morning, afternoon and evening (empty parts left out), in time order. */
export function groupByDayPart(slots: readonly Slot[], timeZone: string): DayPartGroup[] {
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const order: DayPart[] = ['morning', 'afternoon', 'evening'];
  return order
    .map((part) => ({ part, slots: sorted.filter((slot) => dayPart(slot.start, timeZone) === part) }))
    .filter((group) => group.slots.length > 0);
}
