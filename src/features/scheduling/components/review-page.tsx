import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { isApiRequestError } from '../../../api/client';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { BookingSteps } from '../../../components/booking-steps';
import { ButtonLink } from '../../../components/button-link';
import { PageHeading } from '../../../components/page-heading';
import { useBookingFlow } from '../../../lib/booking-flow';
import { bookedState, noticeState } from '../../../lib/route-notice';
import { useBookAppointment } from '../api/scheduling-api';
import { DETAILS_NEEDED_NOTICE, SLOT_TAKEN_NOTICE } from './notices';
import { SlotDetails } from './slot-details';

export function ReviewPage() {
  const { flow } = useBookingFlow();
  if (!flow.intakeId || flow.kind !== 'appointment') {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState(DETAILS_NEEDED_NOTICE)} />;
  }
  if (!flow.slot || !flow.idempotencyKey) return <Navigate to={paths.appointmentTime} replace />;
  return <Review intakeId={flow.intakeId} slot={flow.slot} idempotencyKey={flow.idempotencyKey} />;
}

function Review({ intakeId, slot, idempotencyKey }: { intakeId: string; slot: Slot; idempotencyKey: string }) {
  const book = useBookAppointment();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setError(null);
    try {
      // The same key on every press: a retry after a lost answer cannot book twice.
      const created = await book.mutateAsync({ intakeId, start: slot.start, end: slot.end, idempotencyKey });
      await navigate(paths.visit.to(created.id), { replace: true, state: bookedState() });
    } catch (failure) {
      if (isApiRequestError(failure) && failure.code === 'slot_taken') {
        // The picker asks the server again on arrival (a new window, a new query), so the taken
        // slot is gone from the list the patient sees next.
        await navigate(paths.appointmentTime, { replace: true, state: noticeState(SLOT_TAKEN_NOTICE) });
        return;
      }
      setError(failure instanceof Error ? failure.message : 'Something went wrong. Please try again.');
    }
  };

  return (
    <>
      <PageHeading>Review your appointment</PageHeading>
      <BookingSteps kind="appointment" current="review" />
      <SlotDetails slot={slot} />

      {error ? (
        <Alert title="We could not book this time">
          <p>{error}</p>
          <p>Press Confirm appointment to try again.</p>
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {book.isPending ? 'Booking your appointment…' : ''}
      </div>
      <div className="actions">
        <Button busy={book.isPending} onClick={() => void confirm()}>
          Confirm appointment
        </Button>
        <ButtonLink to={paths.appointmentTime} variant="secondary">
          Choose a different time
        </ButtonLink>
      </div>
    </>
  );
}
