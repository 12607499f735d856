/**
 * An appointment's review joins features (features never import each other, so the app does):
 * scheduling's review of the chosen time, with intake's details form asking who and why (times
 * first, issue 11): its submit starts the guest session and makes the intake, then — after the
 * payment step when the clinic asks one — the time is checked again and booked.
 */
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { sessionQueries, useGuestSession, useSignOut } from '../../api/queries/session';
import { clinicQueries } from '../../api/queries/clinic';
import { IntakePage } from '../../features/intake/components/intake-page';
import { ReviewPage } from '../../features/scheduling/components/review-page';
import { useEmbedStatus } from '../../lib/embed';
import { errorText } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/language';
import { paths } from '../../lib/paths';
import { useNeedsPayment } from './finish-booking';

export function BookReviewRoute() {
  const sessionQuery = useQuery(sessionQueries.current());
  const clinicQuery = useQuery(clinicQueries.settings());
  const { launch } = useEmbedStatus();
  const launching = launch === 'pending' || (launch === 'done' && sessionQuery.data === null && sessionQuery.isFetching);
  const guestBooking = clinicQuery.data?.guestBooking ?? (clinicQuery.isPending ? undefined : true);
  const guestSession = useGuestSession();
  const signOut = useSignOut();
  const needsPayment = useNeedsPayment();
  const navigate = useNavigate();
  const i18n = useI18n();

  return (
    <ReviewPage
      signedOut={sessionQuery.data === null}
      details={(book) => (
        <IntakePage
          kind="appointment"
          part="about"
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
            if (await needsPayment(visitTypeId)) {
              await navigate(paths.payment.to('appointment'));
              return;
            }
            await book({ intakeId, idempotencyKey });
          }}
        />
      )}
    />
  );
}
