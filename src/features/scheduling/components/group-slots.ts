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
