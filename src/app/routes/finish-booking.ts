/**
 * What follows the details (and, when the clinic asks, the payment step) for each kind of visit:
 * the walk-in or e-consult is created with the booking attempt's Idempotency-Key, or the patient
 * goes on to choose a time. Shared by the details and payment routes (features never import each
 * other, so the app joins them).
 */
import { useNavigate } from 'react-router-dom';
import { useCreateEconsult, useCreateWalkin } from '../../api/queries/visits';
import type { BookingKind } from '../../lib/booking-flow';
import { bookedState } from '../../lib/route-notice';
import { paths } from '../../lib/paths';

export function useFinishBooking() {
  const createWalkin = useCreateWalkin();
  const createEconsult = useCreateEconsult();
  const navigate = useNavigate();

  return async (kind: BookingKind, { intakeId, idempotencyKey }: { intakeId: string; idempotencyKey: string }) => {
    if (kind === 'walkin') {
      const visit = await createWalkin.mutateAsync({ intakeId, idempotencyKey });
      await navigate(paths.waitingRoom.to(visit.id));
    } else if (kind === 'econsult') {
      const visit = await createEconsult.mutateAsync({ intakeId, idempotencyKey });
      await navigate(paths.visit.to(visit.id), { state: bookedState() });
    } else {
      await navigate(paths.appointmentTime);
    }
  };
}
