import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../api/clinic-query';

export function StartPage() {
  const clinicQuery = useQuery(clinicQueryOptions());
  const navigate = useNavigate();
  const { reset } = useBookingFlow();

  const begin = (kind: BookingKind) => {
    reset();
    void navigate(paths.details.to(kind));
  };

  const clinic = clinicQuery.data;
  const walkinOffered = clinic ? clinic.walkinEnabled && clinic.isOpen : false;
  const appointmentOffered = clinic?.appointmentEnabled ?? false;

  return (
    <>
      <PageHeading>{clinic?.name ?? 'Welcome'}</PageHeading>
      <p className="emergency">
        <strong>If this is an emergency, call 911.</strong>
      </p>

      {clinicQuery.isPending ? <Spinner label="Loading the clinic's details…" /> : null}

      {clinicQuery.isError ? (
        <ErrorState
          title="We could not load the clinic"
          message={clinicQuery.error.message}
          onRetry={() => void clinicQuery.refetch()}
          retrying={clinicQuery.isFetching}
        />
      ) : null}

      {clinic ? (
        <>
          {!clinic.isOpen ? (
            <Alert tone="info" title="The clinic is closed right now">
              <p>{clinic.closedMessage ?? 'Please come back during opening hours.'}</p>
            </Alert>
          ) : null}

          {walkinOffered || appointmentOffered ? (
            <section aria-labelledby="choices-heading" className="choices">
              <h2 id="choices-heading">How would you like to see a provider?</h2>
              <ul className="choice-list">
                {walkinOffered ? (
                  <li>
                    <Button onClick={() => begin('walkin')}>See a provider now</Button>
                    <p className="choice-hint">Join the queue and talk to the next available provider by video.</p>
                  </li>
                ) : null}
                {appointmentOffered ? (
                  <li>
                    <Button variant={walkinOffered ? 'secondary' : 'primary'} onClick={() => begin('appointment')}>
                      Schedule an appointment
                    </Button>
                    <p className="choice-hint">Pick a time that suits you for a video visit.</p>
                  </li>
                ) : null}
              </ul>
            </section>
          ) : (
            <p className="empty-state">Online visits are not available right now. Please contact the clinic.</p>
          )}
        </>
      ) : null}
    </>
  );
}
