/** When a range has no open time: other ways to get care, never a dead end. */
import { useQuery } from '@tanstack/react-query';
import { paths } from '../../../lib/paths';
import { ButtonLink } from '../../../components/button-link';
import { ClinicPhone } from '../../../components/clinic-phone';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueries } from '../../../api/queries/clinic';
import { useI18n } from '../../../lib/i18n/language';

export function NoTimesHelp() {
  const clinic = useQuery(clinicQueries.settings()).data;
  const { reset } = useBookingFlow();
  const walkinOpen = clinic?.walkinEnabled === true && clinic.isOpen;
  const { t } = useI18n();

  return (
    <section aria-labelledby="no-times-heading" className="no-times">
      <h2 id="no-times-heading">{t.scheduling.otherWaysHeading}</h2>
      <p>{t.scheduling.newTimesLater}</p>
      {walkinOpen ? (
        <>
          <p>{t.scheduling.walkinOpen}</p>
          <div className="actions">
            {/* A walk-in is a new booking: it asks for the visit's details again. */}
            <ButtonLink to={paths.details.to('walkin')} onClick={reset}>
              {t.scheduling.seeProviderNow}
            </ButtonLink>
          </div>
        </>
      ) : null}
      <ClinicPhone phone={clinic?.phone} />
      <div className="actions">
        <ButtonLink to={paths.start} variant="secondary">
          {t.common.backToStart}
        </ButtonLink>
      </div>
    </section>
  );
}
