/**
 * The details step joins features (features never import each other, so the app does): session
 * (who is booking), intake (the form), and walk-in or e-consult (created right after the intake).
 */
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { IntakePage } from '../../features/intake/components/intake-page';
import { useBookingFlow, type BookingKind } from '../../lib/booking-flow';
import { clinicQueries } from '../../api/queries/clinic';
import { sessionQueries, useGuestSession, useSignOut } from '../../api/queries/session';
import { useEmbedStatus } from '../../lib/embed';
import { errorText } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/language';
import { paths } from '../../lib/paths';
import { useFinishBooking, useNeedsPayment } from './finish-booking';
import { NotFoundPage } from './not-found';

export function BookDetailsRoute() {
  const { kind } = useParams();
  if (kind !== 'appointment' && kind !== 'walkin' && kind !== 'econsult') return <NotFoundPage />;
  return <BookDetails key={kind} kind={kind} />;
}

function BookDetails({ kind }: { kind: BookingKind }) {
  const sessionQuery = useQuery(sessionQueries.current());
  const clinicQuery = useQuery(clinicQueries.settings());
  // While the host's patient is being signed in (and until we have asked who that is), we do not
  // know yet who is booking: no identity fields flashing up in between.
  const { launch } = useEmbedStatus();
  const launching =
    launch === 'pending' || (launch === 'done' && sessionQuery.data === null && sessionQuery.isFetching);
  // Unknown until the clinic answers; if it cannot, the server still refuses a guest sign-up.
  const guestBooking = clinicQuery.data?.guestBooking ?? (clinicQuery.isPending ? undefined : true);
  const guestSession = useGuestSession();
  const signOut = useSignOut();
  const finish = useFinishBooking();
  const needsPayment = useNeedsPayment();
  const { chooseWhere } = useBookingFlow();
  const navigate = useNavigate();
  const i18n = useI18n();

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
      patient={launching ? undefined : sessionQuery.data}
      guestBooking={guestBooking}
      patientError={
        sessionQuery.isError
          ? { message: errorText(sessionQuery.error, i18n), error: sessionQuery.error, retry: () => void sessionQuery.refetch(), retrying: sessionQuery.isFetching }
          : null
      }
      startGuestSession={(body) => guestSession.mutateAsync(body)}
      signOut={() => signOut.mutateAsync()}
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
