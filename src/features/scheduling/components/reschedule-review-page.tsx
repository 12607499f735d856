/** Confirm moving an appointment to the chosen time. */
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { isApiRequestError } from '../../../api/client';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useBookingFlow } from '../../../lib/booking-flow';
import { formatSlotName } from '../../../lib/format-time';
import { noticeState } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { useRescheduleAppointment } from '../api/scheduling-api';
import { RESCHEDULED_NOTICE, SLOT_TAKEN_NOTICE } from './notices';
import { SlotDetails } from './slot-details';

export function RescheduleReviewPage() {
  const { id = '' } = useParams();
  const { flow } = useBookingFlow();
  // A reload forgets the chosen time (memory only): choose it again.
  if (flow.rescheduleVisitId !== id || !flow.slot || !flow.idempotencyKey) {
    return <Navigate to={paths.rescheduleTime.to(id)} replace />;
  }
  return <RescheduleReview visitId={id} slot={flow.slot} idempotencyKey={flow.idempotencyKey} />;
}

function RescheduleReview({ visitId, slot, idempotencyKey }: { visitId: string; slot: Slot; idempotencyKey: string }) {
  const reschedule = useRescheduleAppointment(visitId);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const timeZone = useTimeZone();

  const confirm = async () => {
    setError(null);
    try {
      // The same key on every press: a retry after a lost answer cannot move it twice.
      await reschedule.mutateAsync({ start: slot.start, end: slot.end, idempotencyKey });
      await navigate(paths.visit.to(visitId), { replace: true, state: noticeState(RESCHEDULED_NOTICE) });
    } catch (failure) {
      if (isApiRequestError(failure) && failure.code === 'slot_taken') {
        await navigate(paths.rescheduleTime.to(visitId), { replace: true, state: noticeState(SLOT_TAKEN_NOTICE) });
        return;
      }
      setError(failure instanceof Error ? failure.message : 'Something went wrong. Please try again.');
    }
  };

  return (
    <>
      <PageHeading>Review your new time</PageHeading>
      <p className="lead">Move your appointment to {formatSlotName(slot.start, timeZone)}.</p>
      <SlotDetails slot={slot} />

      {error ? (
        <Alert title="We could not move your appointment">
          <p>{error}</p>
          <p>Your appointment keeps its current time. Press Confirm new time to try again.</p>
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {reschedule.isPending ? 'Moving your appointment…' : ''}
      </div>
      <div className="actions">
        <Button busy={reschedule.isPending} onClick={() => void confirm()}>
          Confirm new time
        </Button>
        <ButtonLink to={paths.rescheduleTime.to(visitId)} variant="secondary">
          Choose a different time
        </ButtonLink>
        <ButtonLink to={paths.visit.to(visitId)} variant="secondary">
          Keep my current time
        </ButtonLink>
      </div>
    </>
  );
}
