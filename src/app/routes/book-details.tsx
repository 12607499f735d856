/**
 * The details step joins features (features never import each other, so the app does): session
 * (who is booking), intake (the form), and walk-in or e-consult (created right after the intake).
 */
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { IntakePage } from '../../features/intake/components/intake-page';
import { useBookingFlow, type BookingKind } from '../../lib/booking-flow';
import { clinicQueries } from '../../api/queries/clinic';
import { noticeState } from '../../lib/route-notice';
import { paths } from '../../lib/paths';
import { useFinishBooking, useNeedsPayment } from './finish-booking';
import { useIntakePatient } from './intake-patient';
import { NotFoundPage } from './not-found';

export function BookDetailsRoute() {
  const { kind } = useParams();
  if (kind !== 'appointment' && kind !== 'walkin' && kind !== 'econsult') return <NotFoundPage />;
  return <BookDetails key={kind} kind={kind} />;
}

function BookDetails({ kind }: { kind: BookingKind }) {
  const clinicQuery = useQuery(clinicQueries.settings());
  const who = useIntakePatient();
  const finish = useFinishBooking();
  const needsPayment = useNeedsPayment();
  const { chooseWhere } = useBookingFlow();
  const navigate = useNavigate();

  // Times first (issue 11): an appointment asks here only what its times need; who and why are
  // asked on the review. A clinic that schedules on VSee's own page needs the intake first.
  const timesFirst = kind === 'appointment' && clinicQuery.data?.scheduling !== 'vsee';

  return (
    <IntakePage
      kind={kind}
      part={timesFirst ? 'where' : 'all'}
      onWhereChosen={(where) => {
        chooseWhere(where);
        void navigate(paths.appointmentTime);
      }}
      {...who}
      onIntakeCreated={async ({ intakeId, idempotencyKey, visitTypeId }) => {
        // A clinic that takes the visit's details at booking (DexCare) asks them next.
        if (kind === 'walkin' && (clinicQuery.data?.capabilities.billing.length ?? 0) > 0) {
          await navigate(paths.visitDetails);
          return;
        }
        // Asked only when the clinic lists insurers or charges (a phone call at no charge asks nothing).
        if (await needsPayment(visitTypeId)) {
          await navigate(paths.payment.to(kind));
          return;
        }
        await finish(kind, { intakeId, idempotencyKey });
      }}
    />
  );
}

/**
 * No time shown suits (times first): who and why — the same form as the review's — for the
 * clinic's own scheduling page, which needs the intake. Then, as after any appointment's details,
 * the payment step when the clinic asks one and back to the time step (`useFinishBooking`), which
 * now offers that page first.
 */
export function BookMoreTimesRoute() {
  const { flow } = useBookingFlow();
  const who = useIntakePatient();
  const finish = useFinishBooking();
  const needsPayment = useNeedsPayment();
  const navigate = useNavigate();
  // Reached from the time step only: without its place (a reload), start again.
  if (flow.kind !== 'appointment' || !flow.area || !flow.toClinicPage) {
    return <Navigate to={paths.details.to('appointment')} replace state={noticeState('detailsNeeded')} />;
  }
  return (
    <IntakePage
      kind="appointment"
      part="about"
      forClinicPage
      {...who}
      onIntakeCreated={async ({ intakeId, idempotencyKey, visitTypeId }) => {
        if (await needsPayment(visitTypeId)) {
          await navigate(paths.payment.to('appointment'));
          return;
        }
        await finish('appointment', { intakeId, idempotencyKey });
      }}
    />
  );
}
