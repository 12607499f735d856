/**
 * An appointment's review joins features (features never import each other, so the app does):
 * scheduling's review of the chosen time, with intake's details form asking who and why (times
 * first, issue 11): its submit starts the guest session and makes the intake, then — after the
 * payment step when the clinic asks one — the time is checked again and booked.
 */
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { sessionQueries } from '../../api/queries/session';
import { IntakePage } from '../../features/intake/components/intake-page';
import { ReviewPage } from '../../features/scheduling/components/review-page';
import { paths } from '../../lib/paths';
import { useNeedsPayment } from './finish-booking';
import { useIntakePatient } from './intake-patient';

export function BookReviewRoute() {
  const sessionQuery = useQuery(sessionQueries.current());
  const who = useIntakePatient();
  const needsPayment = useNeedsPayment();
  const navigate = useNavigate();

  return (
    <ReviewPage
      signedOut={sessionQuery.data === null}
      details={(book) => (
        <IntakePage
          kind="appointment"
          part="about"
          {...who}
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
