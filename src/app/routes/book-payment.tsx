/**
 * The payment step's route: the payment feature asks and saves; the app then finishes the booking
 * (walk-in, e-consult) or goes on to the times, as after the details.
 */
import { Navigate, useParams } from 'react-router-dom';
import { PaymentPage } from '../../features/payment/components/payment-page';
import { useBookingFlow, type BookingKind } from '../../lib/booking-flow';
import { noticeState } from '../../lib/route-notice';
import { paths } from '../../lib/paths';
import { useFinishBooking } from './finish-booking';
import { NotFoundPage } from './not-found';

export function BookPaymentRoute() {
  const { kind } = useParams();
  if (kind !== 'appointment' && kind !== 'walkin' && kind !== 'econsult') return <NotFoundPage />;
  return <BookPayment key={kind} kind={kind} />;
}

function BookPayment({ kind }: { kind: BookingKind }) {
  const { flow } = useBookingFlow();
  const finish = useFinishBooking();
  const { intakeId, idempotencyKey } = flow;
  if (!intakeId || !idempotencyKey || flow.kind !== kind) {
    return <Navigate to={paths.details.to(kind)} replace state={noticeState('detailsNeeded')} />;
  }
  return <PaymentPage kind={kind} onSaved={() => finish(kind, { intakeId, idempotencyKey })} />;
}
