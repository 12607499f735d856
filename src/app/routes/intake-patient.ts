/**
 * Who is booking, as the intake form needs it (the details step and the review both show it): the
 * signed-in patient, whether a guest may sign up, the session's error with its retry, and the
 * session's own actions. Features never import each other, so the app joins session and intake here.
 */
import { useQuery } from '@tanstack/react-query';
import { clinicQueries } from '../../api/queries/clinic';
import { sessionQueries } from '../../api/queries/session';
import { useGuestSession, useSignOut } from '../../api/queries/session-changes';
import type { IntakePageProps } from '../../features/intake/components/intake-page';
import { useEmbedStatus } from '../../lib/embed';
import { errorText } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/language';

export function useIntakePatient(): Pick<IntakePageProps, 'patient' | 'guestBooking' | 'patientError' | 'startGuestSession' | 'signOut'> {
  const sessionQuery = useQuery(sessionQueries.current());
  const clinicQuery = useQuery(clinicQueries.settings());
  // While the host's patient is being signed in (and until we have asked who that is), we do not
  // know yet who is booking: no identity fields flashing up in between.
  const { launch } = useEmbedStatus();
  const launching = launch === 'pending' || (launch === 'done' && sessionQuery.data === null && sessionQuery.isFetching);
  const guestSession = useGuestSession();
  const signOut = useSignOut();
  const i18n = useI18n();
  return {
    patient: launching ? undefined : sessionQuery.data,
    // Unknown until the clinic answers; if it cannot, the server still refuses a guest sign-up.
    guestBooking: clinicQuery.data?.guestBooking ?? (clinicQuery.isPending ? undefined : true),
    patientError: sessionQuery.isError
      ? { message: errorText(sessionQuery.error, i18n), error: sessionQuery.error, retry: () => void sessionQuery.refetch(), retrying: sessionQuery.isFetching }
      : null,
    startGuestSession: (body) => guestSession.mutateAsync(body),
    signOut: () => signOut.mutateAsync(),
  };
}
