/**
 * The virtual visit's details step (a clinic that takes them at booking, e.g. DexCare): the
 * virtual-visit feature asks, the app joins the queue with the booking attempt's intake and
 * Idempotency-Key and goes to the waiting room.
 */
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router-dom';
import { clinicQueries } from '../../api/queries/clinic';
import { sessionQueries } from '../../api/queries/session';
import { useCreateWalkin } from '../../api/queries/visits';
import { Spinner } from '../../components/spinner';
import { VisitDetailsPage } from '../../features/virtual-visit/components/visit-details-page';
import { useBookingFlow } from '../../lib/booking-flow';
import { intakeArea } from '../../lib/intake-reason';
import { useI18n } from '../../lib/i18n/language';
import { noticeState } from '../../lib/route-notice';
import { paths } from '../../lib/paths';

export function BookVisitDetailsRoute() {
  const { flow } = useBookingFlow();
  const clinic = useQuery(clinicQueries.settings());
  const session = useQuery(sessionQueries.current());
  const createWalkin = useCreateWalkin();
  const navigate = useNavigate();
  const { t } = useI18n();
  const { intakeId, idempotencyKey } = flow;
  // The visit's price where the patient is, shown before they join (DexCare's visitPrice).
  const area = intakeArea(flow);
  const status = useQuery({ ...clinicQueries.area(area ?? ''), enabled: area !== null });
  if (!intakeId || !idempotencyKey || flow.kind !== 'walkin') {
    return <Navigate to={paths.details.to('walkin')} replace state={noticeState('detailsNeeded')} />;
  }
  if (!clinic.data || !session.data) return <Spinner label={t.common.loading} />;
  return (
    <VisitDetailsPage
      clinic={clinic.data}
      session={session.data}
      price={status.data?.price ?? null}
      onSubmit={async (details) => {
        const visit = await createWalkin.mutateAsync({ intakeId, idempotencyKey, ...details });
        await navigate(paths.waitingRoom.to(visit.id));
      }}
    />
  );
}
