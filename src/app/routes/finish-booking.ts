/**
 * What follows the details (and, when the clinic asks, the payment step) for each kind of visit:
 * the walk-in or e-consult is created with the booking attempt's Idempotency-Key; an appointment,
 * whose time was chosen before the details (times first, issue 11), goes back to its review to be
 * confirmed (or to the times, when none is chosen or the patient asked for the clinic's own
 * scheduling page). Shared by the details, review and payment
 * routes (features never import each other, so the app joins them).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { clinicQueries } from '../../api/queries/clinic';
import { coverageQueries, needsPaymentStep } from '../../api/queries/coverage';
import { useCreateEconsult, useCreateWalkin } from '../../api/queries/visits';
import { useBookingFlow, type BookingKind } from '../../lib/booking-flow';
import { bookedState } from '../../lib/route-notice';
import { paths } from '../../lib/paths';

export function useFinishBooking() {
  const createWalkin = useCreateWalkin();
  const createEconsult = useCreateEconsult();
  const navigate = useNavigate();
  const { flow } = useBookingFlow();

  return async (kind: BookingKind, { intakeId, idempotencyKey }: { intakeId: string; idempotencyKey: string }) => {
    if (kind === 'walkin') {
      const visit = await createWalkin.mutateAsync({ intakeId, idempotencyKey });
      await navigate(paths.waitingRoom.to(visit.id));
    } else if (kind === 'econsult') {
      const visit = await createEconsult.mutateAsync({ intakeId, idempotencyKey });
      await navigate(paths.visit.to(visit.id), { state: bookedState() });
    } else {
      // The patient asked for the clinic's own scheduling page: the time step hands them off.
      await navigate(flow.slot && !flow.toClinicPage ? paths.appointmentReview : paths.appointmentTime);
    }
  };
}

/**
 * Whether this booking asks how the visit is paid: only when the clinic lists insurers or
 * charges (the chosen visit type's price decides). If the choices cannot be loaded the visit
 * goes ahead without them: paying never stands between a patient and care.
 */
export function useNeedsPayment() {
  const queryClient = useQueryClient();
  const clinic = useQuery(clinicQueries.settings()).data;
  return async (visitTypeId: string | null): Promise<boolean> => {
    const loaded = await queryClient.fetchQuery(coverageQueries.options()).catch(() => null);
    const chosen = clinic?.visitTypes.find((v) => v.id === visitTypeId);
    const options = loaded && chosen ? { ...loaded, price: chosen.price } : loaded;
    return options !== null && needsPaymentStep(options);
  };
}
