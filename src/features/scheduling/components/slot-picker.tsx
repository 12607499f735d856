/**
 * The days and times open for booking; used to book an appointment and to move one.
 *
 * The days are tabs (APG tabs pattern, automatic activation: the times are already loaded): one
 * Tab stop, arrow keys, Home and End move between days. A time is chosen first (and said aloud
 * in a polite live region), then Continue goes on, so a stray tap or key press books nothing and
 * the choice is heard before the page changes.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { AvailabilityFor, Slot } from '../../../api/contract';
import { availabilityQueries } from '../../../api/queries/availability';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDay, formatSlotName, formatTime } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { format, plural, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';
import { groupSlotsByDay } from './group-slots';

/** How many days one look at the calendar covers. */
export const BOOKING_WINDOW_DAYS = 14;
/** How many such ranges ahead the patient may look ("Show later times"): twelve weeks. */
export const MAX_WINDOWS = 6;

const DAY_MS = 86_400_000;

function windowRange(origin: number, index: number) {
  const from = origin + index * BOOKING_WINDOW_DAYS * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(from + BOOKING_WINDOW_DAYS * DAY_MS).toISOString() };
}

const sameSlot = (a: Slot | null, b: Slot) => a !== null && a.start === b.start && a.end === b.end;

interface SlotPickerProps {
  /** A new appointment's intake, or the appointment being moved. */
  search: AvailabilityFor;
  /** Continue with the chosen time. */
  onChoose: (slot: Slot) => void;
  /** Other ways forward when a range has no open time (the walk-in queue, the clinic's phone). */
  empty: ReactNode;
  /** The time chosen before, when the patient comes back to change it. */
  initialSlot?: Slot | null;
}

export function SlotPicker({ search, onChoose, empty, initialSlot = null }: SlotPickerProps) {
  // Fixed for the life of the page so the query keys (and the lists) stay put.
  const [origin] = useState(() => Date.now());
  const [windowIndex, setWindowIndex] = useState(0);
  const range = windowRange(origin, windowIndex);
  const availabilityQuery = useQuery(availabilityQueries.range({ ...search, ...range }));
  const timeZone = useTimeZone();
  const i18n = useI18n();
  const t = i18n.t.scheduling;
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const [selected, setSelected] = useState<Slot | null>(initialSlot);
  const [needChoice, setNeedChoice] = useState(false);
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const earlierRef = useRef<HTMLButtonElement>(null);
  const laterRef = useRef<HTMLButtonElement>(null);
  // The pressed range button leaves the page at either end of the range: focus goes to the other.
  const focusAfterMove = useRef<'earlier' | 'later' | null>(null);
  const ids = useId();
  const panelId = `${ids}-times`;
  const tabId = (key: string) => `${ids}-day-${key}`;

  const days = availabilityQuery.data ? groupSlotsByDay(availabilityQuery.data.slots, timeZone) : [];
  const activeDay =
    days.find((day) => day.key === selectedDay) ?? days.find((day) => day.slots.some((slot) => sameSlot(selected, slot))) ?? days[0];

  const lastDay = new Date(Date.parse(range.to) - 1).toISOString();
  const rangeDays = { from: formatDay(range.from, timeZone), to: formatDay(lastDay, timeZone) };
  const rangeText = format(t.rangeShown, rangeDays);

  const showWindow = (index: number) => {
    focusAfterMove.current = index === 0 ? 'later' : index === MAX_WINDOWS - 1 ? 'earlier' : null;
    setWindowIndex(index);
    setSelectedDay(null);
  };

  useEffect(() => {
    const target = focusAfterMove.current;
    focusAfterMove.current = null;
    if (target === 'earlier') earlierRef.current?.focus();
    if (target === 'later') laterRef.current?.focus();
  }, [windowIndex]);

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!activeDay) return;
    const index = days.findIndex((day) => day.key === activeDay.key);
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = (index + 1) % days.length;
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = (index - 1 + days.length) % days.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = days.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const day = days[next];
    if (!day) return;
    setSelectedDay(day.key);
    tabs.current.get(day.key)?.focus();
  };

  const choose = (slot: Slot) => {
    setSelected(slot);
    setNeedChoice(false);
  };

  const goOn = () => {
    if (selected) onChoose(selected);
    else setNeedChoice(true);
  };

  return (
    <>
      <TimeZonePicker at={range.from} />
      <p className="slot-range" aria-live="polite">
        {rangeText}
      </p>

      {availabilityQuery.isPending ? <Spinner label={t.loadingTimes} /> : null}

      {availabilityQuery.isError ? (
        <ErrorState
          title={t.loadTimesError}
          message={errorText(availabilityQuery.error, i18n)}
          error={availabilityQuery.error}
          onRetry={() => void availabilityQuery.refetch()}
          retrying={availabilityQuery.isFetching}
        />
      ) : null}

      {availabilityQuery.isSuccess && !activeDay ? (
        <div className="empty-state" role="status">
          <p>
            {windowIndex === 0 ? format(t.noneNext, { days: BOOKING_WINDOW_DAYS }) : format(t.noneInRange, rangeDays)}
          </p>
        </div>
      ) : null}

      {activeDay ? (
        <section aria-labelledby={`${ids}-days-heading`} className="slot-days">
          <h2 id={`${ids}-days-heading`}>{t.chooseDay}</h2>
          <div role="tablist" aria-label={t.daysLabel} className="day-list" onKeyDown={onTabKeyDown}>
            {days.map((day) => {
              const active = day.key === activeDay.key;
              return (
                <button
                  key={day.key}
                  ref={(element) => {
                    if (element) tabs.current.set(day.key, element);
                    else tabs.current.delete(day.key);
                  }}
                  type="button"
                  role="tab"
                  id={tabId(day.key)}
                  className="day-button"
                  aria-selected={active}
                  aria-controls={panelId}
                  // Roving tabindex: the tab list is one stop; arrow keys move inside it.
                  tabIndex={active ? 0 : -1}
                  onClick={() => setSelectedDay(day.key)}
                >
                  <span className="day-button-label">{day.label}</span>{' '}
                  <span className="day-button-count">({plural(t.timeCount, day.slots.length)})</span>
                </button>
              );
            })}
          </div>

          <div role="tabpanel" id={panelId} aria-labelledby={tabId(activeDay.key)} className="day-panel">
            <h3 className="times-heading">{format(t.timesOn, { day: activeDay.label })}</h3>
            <div role="group" aria-label={t.availableTimes}>
              <ul className="time-list">
                {activeDay.slots.map((slot) => (
                  <li key={`${slot.start}/${slot.end}`}>
                    <button
                      type="button"
                      className="time-button"
                      aria-label={formatSlotName(slot.start, timeZone)}
                      aria-pressed={sameSlot(selected, slot)}
                      onClick={() => choose(slot)}
                    >
                      {formatTime(slot.start, timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      ) : null}

      {/* Always in the page, so the change is announced; says the choice, also on another day. */}
      <p role="status" className="slot-selection">
        {selected ? format(t.selected, { time: formatSlotName(selected.start, timeZone) }) : ''}
      </p>

      {activeDay || selected ? (
        <>
          {needChoice ? (
            <p className="field-error" role="alert">
              {t.chooseFirst}
            </p>
          ) : null}
          <div className="actions">
            <Button onClick={goOn}>{i18n.t.common.continue}</Button>
          </div>
        </>
      ) : null}

      {/* Kept while a range loads, so the button just pressed keeps focus. */}
      <div className="actions slot-range-actions">
        {windowIndex > 0 ? (
          <Button ref={earlierRef} variant="secondary" onClick={() => showWindow(windowIndex - 1)}>
            {t.earlier}
          </Button>
        ) : null}
        {windowIndex < MAX_WINDOWS - 1 ? (
          <Button ref={laterRef} variant="secondary" onClick={() => showWindow(windowIndex + 1)}>
            {t.later}
          </Button>
        ) : null}
      </div>

      {availabilityQuery.isSuccess && !activeDay ? empty : null}
    </>
  );
}
