/**
 * One visit, whatever its kind and status: the confirmation right after booking, and the place to
 * join, share, move or cancel an appointment, follow an e-consult, or fetch a finished visit's summary.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DeviceCheck } from '../../../components/device-check';
import { ErrorState } from '../../../components/error-state';
import { InviteGuest } from '../../../components/invite-guest';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatSlotName, formatTimeRange, formatTimeWithZone } from '../../../lib/format-time';
import { useJustBooked, useRouteNotice } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { isUpcomingAppointment, visitQueryOptions } from '../../../lib/visit-query';
import { useCancelAppointment } from '../api/visits-api';
import { AddToCalendar } from './add-to-calendar';
import { KIND_WORDS } from './visit-words';

function headingFor(visit: Visit | undefined, failed: boolean): string {
  if (!visit) return failed ? 'We could not load your visit' : 'Your visit';
  if (visit.kind === 'econsult') {
    switch (visit.status) {
      case 'pending':
      case 'confirmed':
        return 'E-consult sent';
      case 'in_progress':
        return 'A provider is reviewing your e-consult';
      case 'completed':
        return 'E-consult completed';
      case 'cancelled':
        return 'E-consult cancelled';
    }
  }
  const noun = visit.kind === 'appointment' ? 'Appointment' : 'Visit';
  switch (visit.status) {
    case 'confirmed':
      return visit.kind === 'walkin' ? 'You are in the queue' : `${noun} confirmed`;
    case 'pending':
      return visit.kind === 'walkin' ? 'You are in the queue' : `${noun} requested`;
    case 'in_progress':
      return 'Your visit has started';
    case 'completed':
      return 'Visit completed';
    case 'cancelled':
      return `${noun} cancelled`;
  }
}

function nextStepFor(visit: Visit): string {
  if (visit.kind === 'econsult') {
    switch (visit.status) {
      case 'pending':
      case 'confirmed':
        return 'A provider will review your question and accept it. The clinic will contact you with their reply. There is no video call, so you do not need to keep this page open.';
      case 'in_progress':
        return `${visit.provider ? visit.provider.name : 'A provider'} accepted your e-consult and is reviewing it. The clinic will contact you with their reply.`;
      case 'completed':
        return 'A provider has answered your e-consult.';
      case 'cancelled':
        return 'This e-consult was closed without an answer. You can send a new question or book a visit from the start page.';
    }
  }
  switch (visit.status) {
    case 'confirmed':
    case 'pending':
      return visit.kind === 'walkin'
        ? 'You are waiting for the next available provider. Keep the waiting room open so you know when they are ready.'
        : 'Come back here a few minutes before your visit and press Join video visit.';
    case 'in_progress':
      return 'Your provider is ready. Press Join video visit to start.';
    case 'completed':
      return 'This visit has ended. Thank you for visiting.';
    case 'cancelled':
      return 'This visit will not take place.';
  }
}

function VisitDetails({ visit, timeZone }: { visit: Visit; timeZone: string }) {
  const sent = visit.kind === 'econsult';
  return (
    <>
      <dl className="details">
        <div>
          <dt>Type</dt>
          <dd>{KIND_WORDS[visit.kind]}</dd>
        </div>
        <div>
          <dt>{sent ? 'Sent on' : visit.kind === 'walkin' ? 'Joined the queue on' : 'Date'}</dt>
          <dd>{formatDate(visit.start, timeZone)}</dd>
        </div>
        <div>
          <dt>{sent || visit.kind === 'walkin' ? 'At' : 'Time'}</dt>
          <dd>
            {visit.kind === 'appointment'
              ? formatTimeRange(visit.start, visit.end, timeZone)
              : formatTimeWithZone(visit.start, timeZone)}
          </dd>
        </div>
        <div>
          <dt>Provider</dt>
          <dd>{visit.provider?.name ?? (sent ? 'Not yet accepted by a provider' : 'A provider will be assigned')}</dd>
        </div>
      </dl>
      <TimeZonePicker at={visit.start} />
    </>
  );
}

export function VisitPage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery(visitQueryOptions(id));
  const cancel = useCancelAppointment(id);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const notice = useRouteNotice();
  const justBooked = useJustBooked();
  const timeZone = useTimeZone();

  const visit = visitQuery.data;
  const upcoming = visit ? isUpcomingAppointment(visit) : false;
  const canJoin =
    visit !== undefined &&
    visit.kind !== 'econsult' &&
    (visit.status === 'in_progress' || (visit.kind === 'appointment' && (visit.status === 'confirmed' || visit.status === 'pending')));
  const inQueue = visit?.kind === 'walkin' && (visit.status === 'pending' || visit.status === 'confirmed');

  // The Cancel button and its dialog are gone once the appointment is cancelled: start again at
  // the heading. Only after the modal dialog has left the page, or the page behind it is inert.
  useEffect(() => {
    if (cancel.isSuccess && !upcoming) headingRef.current?.focus();
  }, [cancel.isSuccess, upcoming]);

  return (
    <>
      <PageHeading ref={headingRef}>{headingFor(visit, visitQuery.isError)}</PageHeading>
      {/* Straight from booking: the last of the booking steps. */}
      {justBooked && visit?.kind === 'appointment' && visit.status !== 'cancelled' ? (
        <BookingSteps kind="appointment" current="done" />
      ) : null}
      {justBooked && visit?.kind === 'econsult' && visit.status !== 'cancelled' ? (
        <BookingSteps kind="econsult" current="sent" />
      ) : null}

      {visitQuery.isPending ? <Spinner label="Loading your visit…" /> : null}

      {visitQuery.isError ? (
        <ErrorState
          title="Your visit details did not load"
          message={visitQuery.error.message}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {visit ? (
        <>
          {notice ? (
            <Alert tone="info">
              <p>{notice}</p>
            </Alert>
          ) : null}
          <VisitDetails visit={visit} timeZone={timeZone} />

          {upcoming && visit.oneTimeLink ? (
            <section aria-labelledby="one-time-link-heading">
              <h2 id="one-time-link-heading">Your appointment link</h2>
              <p>The clinic made a personal link to this appointment. Keep it private.</p>
              <p>
                <a href={visit.oneTimeLink} rel="noreferrer">
                  {visit.oneTimeLink}
                </a>
              </p>
            </section>
          ) : null}

          <h2>{visit.status === 'completed' || visit.status === 'cancelled' ? 'What now' : 'What happens next'}</h2>
          <p>{nextStepFor(visit)}</p>
          {canJoin ? <JoinVideoButton visitId={visit.id} /> : null}
          {inQueue ? <ButtonLink to={paths.waitingRoom.to(visit.id)}>Go to the waiting room</ButtonLink> : null}

          {visit.status === 'completed' && visit.hasSummary ? (
            <div className="actions">
              {/* A plain link: the proxy sends the PDF as a download and the session cookie goes along. */}
              <a className="button button-primary" href={paths.visitSummary(visit.id)} download>
                Download visit summary
              </a>
            </div>
          ) : null}

          {visit.status === 'cancelled' ? (
            <div className="actions">
              <ButtonLink to={paths.start}>Book again</ButtonLink>
            </div>
          ) : null}

          {upcoming ? (
            <>
              <AddToCalendar visit={visit} />
              <section aria-labelledby="prepare-heading">
                <h2 id="prepare-heading">What to prepare</h2>
                <ul className="prepare-list">
                  <li>A quiet, private place with good light.</li>
                  <li>A phone, tablet or computer with a camera and microphone, charged or plugged in.</li>
                  <li>A list of the medicines you take.</li>
                </ul>
              </section>
              <DeviceCheck />
              <InviteGuest visitId={visit.id} />
              <section aria-labelledby="change-heading">
                <h2 id="change-heading">Change your plans</h2>
                <div className="actions">
                  <ButtonLink to={paths.rescheduleTime.to(visit.id)} variant="secondary">
                    Reschedule
                  </ButtonLink>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      cancel.reset();
                      setConfirmingCancel(true);
                    }}
                  >
                    Cancel appointment
                  </Button>
                </div>
              </section>
              <ConfirmDialog
                open={confirmingCancel}
                title="Cancel this appointment?"
                confirmLabel="Yes, cancel appointment"
                dismissLabel="Keep appointment"
                busy={cancel.isPending}
                onConfirm={() => cancel.mutate()}
                onDismiss={() => setConfirmingCancel(false)}
              >
                <p>
                  Your appointment on {formatSlotName(visit.start, timeZone)} will be cancelled and the time offered to
                  other patients. You can book a new one at any time.
                </p>
                {cancel.isError ? (
                  <Alert title="We could not cancel your appointment">
                    <p>{cancel.error.message}</p>
                  </Alert>
                ) : null}
              </ConfirmDialog>
            </>
          ) : null}

          <div className="actions">
            <ButtonLink to={paths.visits} variant="secondary">
              My visits
            </ButtonLink>
            <ButtonLink to={paths.start} variant="secondary">
              Back to start
            </ButtonLink>
          </div>
        </>
      ) : null}
    </>
  );
}
