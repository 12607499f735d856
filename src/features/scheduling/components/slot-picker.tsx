/** The days and times open for booking; used to book an appointment and to move one. */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Slot } from '../../../api/contract';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { formatSlotName, formatTime, patientTimeZone, timeZoneLabel } from '../../../lib/format-time';
import { availabilityQueryOptions } from '../api/scheduling-api';
import { groupSlotsByDay } from './group-slots';

/** How far ahead the patient can book. */
export const BOOKING_WINDOW_DAYS = 14;

function bookingWindow() {
  const from = new Date();
  const to = new Date(from.getTime() + BOOKING_WINDOW_DAYS * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

interface SlotPickerProps {
  /** An intake id, or `visit:<id>` for the intake of the appointment being moved. */
  intakeId: string;
  onChoose: (slot: Slot) => void;
  /** What to say and offer when no time is open. */
  empty: ReactNode;
}

export function SlotPicker({ intakeId, onChoose, empty }: SlotPickerProps) {
  // Fixed for the life of the page so the query key (and the list) stays put.
  const [range] = useState(bookingWindow);
  const availabilityQuery = useQuery(availabilityQueryOptions({ intakeId, ...range }));
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const timeZone = patientTimeZone();

  const days = availabilityQuery.data ? groupSlotsByDay(availabilityQuery.data.slots, timeZone) : [];
  const activeDay = days.find((day) => day.key === selectedDay) ?? days[0];

  return (
    <>
      <p className="timezone-note">Times are shown in {timeZoneLabel(timeZone)}.</p>

      {availabilityQuery.isPending ? <Spinner label="Loading available times…" /> : null}

      {availabilityQuery.isError ? (
        <ErrorState
          title="We could not load the available times"
          message={availabilityQuery.error.message}
          onRetry={() => void availabilityQuery.refetch()}
          retrying={availabilityQuery.isFetching}
        />
      ) : null}

      {availabilityQuery.isSuccess && !activeDay ? <div className="empty-state">{empty}</div> : null}

      {activeDay ? (
        <>
          <section aria-labelledby="days-heading">
            <h2 id="days-heading">Choose a day</h2>
            <ul className="day-list">
              {days.map((day) => (
                <li key={day.key}>
                  <button
                    type="button"
                    className="day-button"
                    aria-pressed={day.key === activeDay.key}
                    onClick={() => setSelectedDay(day.key)}
                  >
                    <span className="day-button-label">{day.label}</span>{' '}
                    <span className="day-button-count">
                      ({day.slots.length} {day.slots.length === 1 ? 'time' : 'times'})
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="times-heading">
            <h2 id="times-heading">Times on {activeDay.label}</h2>
            <div role="group" aria-label="Available times">
              <ul className="time-list">
                {activeDay.slots.map((slot) => (
                  <li key={`${slot.start}/${slot.end}`}>
                    <button
                      type="button"
                      className="time-button"
                      aria-label={formatSlotName(slot.start, timeZone)}
                      onClick={() => onChoose(slot)}
                    >
                      {formatTime(slot.start, timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
