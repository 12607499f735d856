/**
 * The details step joins features (features never import each other, so the app does): session
 * (who is booking), intake (the form), and walk-in or e-consult (created right after the intake).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { coverageQueries, needsPaymentStep } from '../../api/queries/coverage';
import { IntakePage } from '../../features/intake/components/intake-page';
import type { BookingKind } from '../../lib/booking-flow';
import { clinicQueries } from '../../api/queries/clinic';
import { sessionQueries, useGuestSession, useSignOut } from '../../api/queries/session';
import { useEmbedStatus } from '../../lib/embed';
import { errorText } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/language';
import { paths } from '../../lib/paths';
import { useFinishBooking } from './finish-booking';
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
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const i18n = useI18n();

  return (
    <IntakePage
      kind={kind}
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
        // Asked only when the clinic lists insurers or charges. If the choices cannot be loaded,
        // the visit goes ahead without them: paying never stands between a patient and care.
        const loaded = await queryClient.fetchQuery(coverageQueries.options()).catch(() => null);
        // The chosen visit type's price decides (a phone call at no charge asks nothing).
        const chosen = clinicQuery.data?.visitTypes.find((v) => v.id === visitTypeId);
        const options = loaded && chosen ? { ...loaded, price: chosen.price } : loaded;
        if (options && needsPaymentStep(options)) {
          await navigate(paths.payment.to(kind));
          return;
        }
        await finish(kind, { intakeId, idempotencyKey });
      }}
    />
  );
}
