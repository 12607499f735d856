import { useQuery } from '@tanstack/react-query';
import { ErrorReference } from '../../../components/error-reference';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { Clinic, Visit } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { CoverageStatus } from '../../../components/coverage-status';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DeviceCheck } from '../../../components/device-check';
import { ErrorState } from '../../../components/error-state';
import { InviteGuest } from '../../../components/invite-guest';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { WaitLine } from './wait-line';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueries } from '../../../api/queries/clinic';
import { formatDuration } from '../../../lib/format-time';
import type { Messages } from '../../../lib/i18n/en';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useNow } from '../../../lib/use-now';
import { useCancelVisit } from '../../../api/queries/visits';
import { useLiveVisit } from '../../../api/queries/visit-stream';
import { ReadyAlerts } from './ready-alerts';

/** How often we ask whether the provider is ready, when the clinic's changes are not pushed. */
export const QUEUE_POLL_MS = 3_000;
/** If the clinic refused the time-out (its clock is behind ours), ask again this much later. */
export const MAX_WAIT_RETRY_MS = 60_000;

type RoomState = 'loading' | 'error' | 'left' | 'timed_out' | 'waiting' | 'ready' | 'completed' | 'cancelled';

function headingFor(state: RoomState, t: Messages['waitingRoom']): string {
  switch (state) {
    case 'loading':
    case 'error':
      return t.heading;
    case 'left':
      return t.leftHeading;
    case 'timed_out':
      return t.timedOutHeading;
    case 'waiting':
      return t.waitingHeading;
    case 'ready':
      return t.readyHeading;
    case 'completed':
      return t.completedHeading;
    case 'cancelled':
      return t.cancelledHeading;
  }
}

/** What the polite live region says: only real changes in the patient's place, never the clock. */
function announcementFor(state: RoomState, t: Messages['waitingRoom']): string {
  switch (state) {
    case 'loading':
    case 'error':
      return '';
    case 'left':
      return t.announceLeft;
    case 'timed_out':
      return t.announceTimedOut;
    case 'waiting':
      return t.announceWaiting;
    case 'ready':
      return t.announceReady;
    case 'completed':
      return t.announceCompleted;
    case 'cancelled':
      return t.announceCancelled;
  }
}

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
  const visitQuery = useLiveVisit(id, QUEUE_POLL_MS);
  const clinic = useQuery(clinicQueries.settings()).data;
  const leave = useCancelVisit(id, 'patient_exit_room');
  const timeOut = useCancelVisit(id, 'max_waiting_time_reached');
  const now = useNow(1_000);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const i18n = useI18n();
  const t = i18n.t.waitingRoom;

  const visit = visitQuery.data;
  const state = roomState(visit, visitQuery.isError, leave.isSuccess, timeOut.isSuccess);

  // The clinic keeps a place in the queue for at most maxWaitMinutes; the page itself tells the
  // clinic when that time is up (VSee's close reason), once, unless the clinic refused it.
  // A clinic whose own waiting room keeps the queue (DexCare: no visit status, no cancel) is left to it.
  const ownRoom = clinic?.capabilities.visitStatus === false;
  const maxWaitMs = clinic?.maxWaitMinutes && clinic.capabilities.cancel ? clinic.maxWaitMinutes * 60_000 : null;
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
      <PageHeading ref={headingRef}>{headingFor(state, t)}</PageHeading>
      {state === 'loading' || state === 'waiting' || state === 'ready' ? <BookingSteps kind="walkin" current="waiting" /> : null}
      {/* Heard, not seen: the heading already shows the change; this says it aloud. */}
      <p aria-live="polite" className="visually-hidden">
        {announcementFor(state, t)}
      </p>

      {state === 'loading' ? <Spinner label={t.finding} /> : null}

      {state === 'error' ? (
        <ErrorState
          title={t.loadError}
          message={visitQuery.error ? errorText(visitQuery.error, i18n) : i18n.t.errors.pleaseTryAgain}
          error={visitQuery.error}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {state === 'waiting' && visit && ownRoom ? (
        <>
          <p className="lead">{t.soon}</p>
          <WaitLine visitId={visit.id} enabled={clinic?.capabilities.waitEstimate ?? false} />
          <p>{t.elsewhere}</p>
          <JoinVideoButton visitId={visit.id} />
        </>
      ) : null}

      {state === 'waiting' && visit && !ownRoom ? (
        <>
          <p className="lead">{t.soon}</p>
          <p className="waited">{format(t.waited, { duration: formatDuration(now - Date.parse(visit.start)) })}</p>
          <WaitLine visitId={visit.id} enabled={clinic?.capabilities.waitEstimate ?? false} />
          <p>{t.keepOpen}</p>
          <CoverageStatus />
          {visitQuery.isError ? (
            <Alert tone="info">
              <p>{t.trouble}</p>
              <ErrorReference error={visitQuery.error} />
            </Alert>
          ) : null}
          <div className="actions">
            <Button
              variant="secondary"
              onClick={() => {
                leave.reset();
                setConfirmingLeave(true);
              }}
            >
              {t.leave}
            </Button>
          </div>
          {/* Asks first: a place in the queue is lost with one press otherwise. */}
          <ConfirmDialog
            open={confirmingLeave}
            title={t.leaveTitle}
            confirmLabel={t.leaveConfirm}
            dismissLabel={t.leaveDismiss}
            busy={leave.isPending}
            onConfirm={() => leave.mutate()}
            onDismiss={() => setConfirmingLeave(false)}
          >
            <p>{t.leaveBody}</p>
            {leave.isError ? (
              <Alert title={t.leaveErrorTitle}>
                <p>{errorText(leave.error, i18n)}</p>
                <ErrorReference error={leave.error} />
              </Alert>
            ) : null}
          </ConfirmDialog>
          {/* Only while waiting: once the provider is ready it goes, and with it the camera, free for the visit. */}
          {visit?.modality === 'video' ? <DeviceCheck /> : null}
        </>
      ) : null}

      {state === 'ready' && visit ? (
        <>
          <p className="lead">{visit.provider ? format(t.readyNamed, { provider: visit.provider.name }) : t.ready}</p>
          {/* A phone walk-in is called, never joined (issue #16). */}
          {visit.modality === 'video' ? <JoinVideoButton visitId={visit.id} /> : null}
        </>
      ) : null}

      {/* Kept from waiting to ready, so the patient's choices hold when the provider is ready. */}
      {state === 'waiting' || state === 'ready' ? <ReadyAlerts ready={state === 'ready'} /> : null}

      {/* One place for both states, so a link made while waiting stays when the provider is ready.
          The clinic lets guests into a pending or started walk-in. */}
      {(state === 'waiting' || state === 'ready') && visit && visit.status !== 'confirmed' && !ownRoom ? (
        <InviteGuest visitId={visit.id} />
      ) : null}

      {state === 'timed_out' ? <TimedOut clinic={clinic} /> : null}

      {state === 'left' ? <p>{t.left}</p> : null}
      {state === 'completed' ? <p>{t.completed}</p> : null}
      {state === 'cancelled' ? <p>{t.cancelled}</p> : null}
      {state === 'left' || state === 'completed' || state === 'cancelled' ? (
        <ButtonLink to={paths.start} variant="secondary">
          {i18n.t.common.backToStart}
        </ButtonLink>
      ) : null}
    </>
  );
}

/** What to do after the clinic's longest wait passed: only what this clinic offers right now. */
function TimedOut({ clinic }: { clinic: Clinic | undefined }) {
  const { reset } = useBookingFlow();
  const { t: all } = useI18n();
  const t = all.waitingRoom;
  const ways = [
    clinic?.walkinEnabled && clinic.isOpen ? { kind: 'walkin' as const, label: t.joinAgain, hint: t.joinAgainHint } : null,
    clinic?.appointmentEnabled
      ? { kind: 'appointment' as const, label: all.start.appointmentLabel, hint: all.start.appointmentHint }
      : null,
    clinic?.econsultEnabled ? { kind: 'econsult' as const, label: all.start.econsultLabel, hint: t.econsultHint } : null,
  ].filter((way) => way !== null);

  return (
    <>
      <p className="lead">
        {clinic?.maxWaitMinutes
          ? format(t.timedOutFor, { duration: formatDuration(clinic.maxWaitMinutes * 60_000) })
          : t.timedOut}
      </p>
      <h2>{t.whatNow}</h2>
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
            {all.common.backToStart}
          </ButtonLink>
        </li>
      </ul>
    </>
  );
}
