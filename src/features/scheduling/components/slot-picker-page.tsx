import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { formatSlotName, formatTime, patientTimeZone, timeZoneLabel } from '../../../lib/format-time';
import { noticeState, useRouteNotice } from '../../../lib/route-notice';
import { availabilityQueryOptions } from '../api/scheduling-api';
import { groupSlotsByDay } from './group-slots';

/** How far ahead the patient can book. */
export const BOOKING_WINDOW_DAYS = 14;

export const DETAILS_NEEDED_NOTICE =
  'Please fill in your details first. For your privacy they are not kept when the page reloads.';

export function SlotPickerPage() {
  const { flow } = useBookingFlow();
  if (!flow.intakeId || flow.kind !== 'appointment') {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState(DETAILS_NEEDED_NOTICE)} />;
  }
  return <SlotPicker intakeId={flow.intakeId} />;
}

function bookingWindow() {
  const from = new Date();
  const to = new Date(from.getTime() + BOOKING_WINDOW_DAYS * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

function SlotPicker({ intakeId }: { intakeId: string }) {
  // Fixed for the life of the page so the query key (and the list) stays put.
  const [range] = useState(bookingWindow);
  const availabilityQuery = useQuery(availabilityQueryOptions({ intakeId, ...range }));
  const { chooseSlot } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const timeZone = patientTimeZone();

  const days = availabilityQuery.data ? groupSlotsByDay(availabilityQuery.data.slots, timeZone) : [];
  const activeDay = days.find((day) => day.key === selectedDay) ?? days[0];

  const choose = (slot: Slot) => {
    chooseSlot(slot);
    void navigate(paths.appointmentReview);
  };

  return (
    <>
      <PageHeading>Choose a time</PageHeading>
      {notice ? (
        <Alert title="That time is no longer available">
          <p>{notice}</p>
        </Alert>
      ) : null}
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

      {availabilityQuery.isSuccess && !activeDay ? (
        <div className="empty-state">
          <p>There are no open times in the next {BOOKING_WINDOW_DAYS} days.</p>
          <p>Please check again later, or see a provider now when the clinic is open.</p>
          <ButtonLink to={paths.start} variant="secondary">
            Back to start
          </ButtonLink>
        </div>
      ) : null}

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
                      onClick={() => choose(slot)}
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
