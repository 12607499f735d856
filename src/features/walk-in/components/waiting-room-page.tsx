import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import type { Clinic, Visit } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { DeviceCheck } from '../../../components/device-check';
import { ErrorState } from '../../../components/error-state';
import { InviteGuest } from '../../../components/invite-guest';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../../../lib/clinic-query';
import { formatDuration } from '../../../lib/format-time';
import { useNow } from '../../../lib/use-now';
import { visitQueryOptions } from '../../../lib/visit-query';
import { useLeaveQueue } from '../api/walkin-api';

/** How often we ask whether the provider is ready. */
export const QUEUE_POLL_MS = 3_000;
/** If the clinic refused the time-out (its clock is behind ours), ask again this much later. */
export const MAX_WAIT_RETRY_MS = 60_000;

const isWaiting = (visit: Visit | undefined) => visit?.status === 'pending' || visit?.status === 'confirmed';

type RoomState = 'loading' | 'error' | 'left' | 'timed_out' | 'waiting' | 'ready' | 'completed' | 'cancelled';

const HEADINGS: Record<RoomState, string> = {
  loading: 'Waiting room',
  error: 'Waiting room',
  left: 'You left the waiting room',
  timed_out: 'The clinic could not see you in time',
  waiting: 'You are in the queue',
  ready: 'Your provider is ready',
  completed: 'Your visit has ended',
  cancelled: 'Your visit was cancelled',
};

/** What the polite live region says: only real changes in the patient's place, never the clock. */
const ANNOUNCEMENTS: Record<RoomState, string> = {
  loading: '',
  error: '',
  left: 'You left the waiting room.',
  timed_out: 'The clinic could not see you in time. You are no longer in the queue.',
  waiting: 'You are in the queue. A provider will see you soon.',
  ready: 'Your provider is ready. Press Join video visit to start.',
  completed: 'Your visit has ended.',
  cancelled: 'Your visit was cancelled.',
};

function roomState(visit: Visit | undefined, failed: boolean, left: boolean, timedOut: boolean): RoomState {
  if (timedOut) return 'timed_out';
  if (left) return 'left';
  if (!visit) return failed ? 'error' : 'loading';
  switch (visit.status) {
    case 'in_progress':
      return 'ready';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'waiting';
  }
}

export function WaitingRoomPage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery({
    ...visitQueryOptions(id),
    refetchInterval: (query) => (isWaiting(query.state.data) ? QUEUE_POLL_MS : false),
  });
  const clinic = useQuery(clinicQueryOptions()).data;
  const leave = useLeaveQueue(id, 'patient_exit_room');
  const timeOut = useLeaveQueue(id, 'max_waiting_time_reached');
  const now = useNow(1_000);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const visit = visitQuery.data;
  const state = roomState(visit, visitQuery.isError, leave.isSuccess, timeOut.isSuccess);

  // The clinic keeps a place in the queue for at most maxWaitMinutes; the page itself tells the
  // clinic when that time is up (VSee's close reason), once, unless the clinic refused it.
  const maxWaitMs = clinic?.maxWaitMinutes ? clinic.maxWaitMinutes * 60_000 : null;
  const overdue = visit?.status === 'pending' && maxWaitMs !== null && now - Date.parse(visit.start) >= maxWaitMs;
  const timeOutSentAt = useRef<number | null>(null);
  const { mutate: sendTimeOut, isPending: timingOut, isError: timeOutFailed, isSuccess: timedOut } = timeOut;
  useEffect(() => {
    if (!overdue || timingOut || timedOut || leave.isPending || leave.isSuccess) return;
    const sentAt = timeOutSentAt.current;
    if (sentAt !== null && !(timeOutFailed && now - sentAt >= MAX_WAIT_RETRY_MS)) return;
    timeOutSentAt.current = now;
    sendTimeOut();
  }, [overdue, now, timingOut, timedOut, timeOutFailed, sendTimeOut, leave.isPending, leave.isSuccess]);

  // The Leave button is gone once pressed, or the whole queue view once timed out: put focus
  // somewhere meaningful.
  useEffect(() => {
    if (leave.isSuccess || timedOut) headingRef.current?.focus();
  }, [leave.isSuccess, timedOut]);

  return (
    <>
      <PageHeading ref={headingRef}>{HEADINGS[state]}</PageHeading>
      {state === 'loading' || state === 'waiting' || state === 'ready' ? <BookingSteps kind="walkin" current="waiting" /> : null}
      {/* Heard, not seen: the heading already shows the change; this says it aloud. */}
      <p aria-live="polite" className="visually-hidden">
        {ANNOUNCEMENTS[state]}
      </p>

      {state === 'loading' ? <Spinner label="Finding your place in the queue…" /> : null}

      {state === 'error' ? (
        <ErrorState
          title="We could not load your place in the queue"
          message={visitQuery.error?.message ?? 'Please try again.'}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {state === 'waiting' && visit ? (
        <>
          <p className="lead">A provider will see you soon.</p>
          <p className="waited">You have waited {formatDuration(now - Date.parse(visit.start))}.</p>
          <p>Keep this page open. It updates by itself when your provider is ready.</p>
          {visitQuery.isError ? (
            <Alert tone="info">
              <p>We are having trouble checking the queue. We will keep trying.</p>
            </Alert>
          ) : null}
          {leave.isError ? (
            <Alert title="We could not take you out of the queue">
              <p>{leave.error.message}</p>
            </Alert>
          ) : null}
          <div className="actions">
            <Button variant="secondary" busy={leave.isPending} onClick={() => leave.mutate()}>
              Leave waiting room
            </Button>
          </div>
          {/* Only while waiting: once the provider is ready it goes, and with it the camera, free for the visit. */}
          <DeviceCheck />
        </>
      ) : null}

      {state === 'ready' && visit ? (
        <>
          <p className="lead">
            {visit.provider ? `${visit.provider.name} is waiting for you.` : 'A provider is waiting for you.'} Press Join
            video visit to start.
          </p>
          <JoinVideoButton visitId={visit.id} />
        </>
      ) : null}

      {/* One place for both states, so a link made while waiting stays when the provider is ready.
          The clinic lets guests into a pending or started walk-in. */}
      {(state === 'waiting' || state === 'ready') && visit && visit.status !== 'confirmed' ? (
        <InviteGuest visitId={visit.id} />
      ) : null}

      {state === 'timed_out' ? <TimedOut clinic={clinic} /> : null}

      {state === 'left' ? <p>You gave up your place in the queue. You can join again at any time.</p> : null}
      {state === 'completed' ? <p>Thank you for visiting. You can close this page.</p> : null}
      {state === 'cancelled' ? (
        <p>The clinic could not see you this time. You can join the queue again or schedule an appointment.</p>
      ) : null}
      {state === 'left' || state === 'completed' || state === 'cancelled' ? (
        <ButtonLink to={paths.start} variant="secondary">
          Back to start
        </ButtonLink>
      ) : null}
    </>
  );
}

/** What to do after the clinic's longest wait passed: only what this clinic offers right now. */
function TimedOut({ clinic }: { clinic: Clinic | undefined }) {
  const { reset } = useBookingFlow();
  const ways = [
    clinic?.walkinEnabled && clinic.isOpen
      ? { kind: 'walkin' as const, label: 'Join the queue again', hint: 'Wait for the next available provider again.' }
      : null,
    clinic?.appointmentEnabled
      ? { kind: 'appointment' as const, label: 'Schedule an appointment', hint: 'Pick a time that suits you for a video visit.' }
      : null,
    clinic?.econsultEnabled
      ? {
          kind: 'econsult' as const,
          label: 'Send a question to a provider',
          hint: 'A provider reviews your question and replies. There is no video call now.',
        }
      : null,
  ].filter((way) => way !== null);

  return (
    <>
      <p className="lead">
        {clinic?.maxWaitMinutes
          ? `You waited ${formatDuration(clinic.maxWaitMinutes * 60_000)}, the longest this clinic keeps a place in the queue.`
          : 'You waited the longest this clinic keeps a place in the queue.'}{' '}
        You are no longer in the queue. We are sorry for the wait.
      </p>
      <h2>What you can do now</h2>
      <ul className="choice-list">
        {ways.map((way, index) => (
          <li key={way.kind}>
            {/* A new booking each time: nothing from this queue place may be reused. */}
            <ButtonLink to={paths.details.to(way.kind)} onClick={reset} variant={index === 0 ? 'primary' : 'secondary'}>
              {way.label}
            </ButtonLink>
            <p className="choice-hint">{way.hint}</p>
          </li>
        ))}
        <li>
          <ButtonLink to={paths.start} variant="secondary">
            Back to start
          </ButtonLink>
        </li>
      </ul>
    </>
  );
}
