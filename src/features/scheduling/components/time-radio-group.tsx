/**
 * One day's times as ONE radio group (APG radio group pattern), shown in Morning / Afternoon /
 * Evening blocks: a single Tab stop (roving tabindex), arrow keys move and choose, Home and End
 * jump to the ends. Each time's name is its full date, time and zone, so the choice is heard whole.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import type { Slot } from '../../../api/contract';
import { formatSlotName, formatTime } from '../../../lib/format-time';
import { useI18n } from '../../../lib/i18n/language';
import { groupByDayPart } from './group-slots';

export const sameSlot = (a: Slot | null, b: Slot) => a !== null && a.start === b.start && a.end === b.end;

interface TimeRadioGroupProps {
  slots: readonly Slot[];
  timeZone: string;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  /** The id of the heading that names the group ("Times on Tuesday, November 24"). */
  labelledBy: string;
}

export function TimeRadioGroup({ slots, timeZone, selected, onSelect, labelledBy }: TimeRadioGroupProps) {
  const { t } = useI18n();
  const ids = useId();
  const groups = groupByDayPart(slots, timeZone);
  const flat = groups.flatMap((group) => group.slots);
  const radios = useRef(new Map<string, HTMLButtonElement>());
  const keyOf = (slot: Slot) => `${slot.start}/${slot.end}`;
  // The Tab stop: the chosen time when it is on this day, else the first.
  const checkedIndex = flat.findIndex((slot) => sameSlot(selected, slot));
  const stop = checkedIndex >= 0 ? checkedIndex : 0;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = flat.findIndex((slot) => radios.current.get(keyOf(slot)) === event.target);
    if (current < 0) return;
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = (current + 1) % flat.length;
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = (current - 1 + flat.length) % flat.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = flat.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const slot = flat[next];
    if (!slot) return;
    onSelect(slot);
    radios.current.get(keyOf(slot))?.focus();
  };

  const partName = { morning: t.picker.morning, afternoon: t.picker.afternoon, evening: t.picker.evening };

  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="time-groups" onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <div key={group.part} role="group" aria-labelledby={`${ids}-${group.part}`} className="time-group">
          <p id={`${ids}-${group.part}`} className="time-group-name">
            {partName[group.part]}
          </p>
          <div className="time-grid">
            {group.slots.map((slot) => {
              const checked = sameSlot(selected, slot);
              return (
                <button
                  key={keyOf(slot)}
                  ref={(element) => {
                    if (element) radios.current.set(keyOf(slot), element);
                    else radios.current.delete(keyOf(slot));
                  }}
                  type="button"
                  role="radio"
                  aria-checked={checked}
                  aria-label={formatSlotName(slot.start, timeZone)}
                  tabIndex={flat.indexOf(slot) === stop ? 0 : -1}
                  className="time-option"
                  onClick={() => onSelect(slot)}
                >
                  {formatTime(slot.start, timeZone)}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
