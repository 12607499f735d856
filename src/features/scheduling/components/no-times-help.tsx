/** When a range has no open time: other ways to get care, never a dead end. */
import { useQuery } from '@tanstack/react-query';
import { paths } from '../../../app/paths';
import { ButtonLink } from '../../../components/button-link';
import { ClinicPhone } from '../../../components/clinic-phone';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../../../lib/clinic-query';

export function NoTimesHelp() {
  const clinic = useQuery(clinicQueryOptions()).data;
  const { reset } = useBookingFlow();
  const walkinOpen = clinic?.walkinEnabled === true && clinic.isOpen;

  return (
    <section aria-labelledby="no-times-heading" className="no-times">
      <h2 id="no-times-heading">Other ways to get care</h2>
      <p>New times open up as the clinic adds them. Please check again later.</p>
      {walkinOpen ? (
        <>
          <p>The clinic is open now: you can join the queue and see the next available provider by video.</p>
          <div className="actions">
            {/* A walk-in is a new booking: it asks for the visit's details again. */}
            <ButtonLink to={paths.details.to('walkin')} onClick={reset}>
              See a provider now
            </ButtonLink>
          </div>
        </>
      ) : null}
      <ClinicPhone phone={clinic?.phone} />
      <div className="actions">
        <ButtonLink to={paths.start} variant="secondary">
          Back to start
        </ButtonLink>
      </div>
    </section>
  );
}
