/**
 * The patient is somewhere the clinic does not see patients: say so plainly, name where it does,
 * and offer what is still possible — a question to a provider (an e-consult, when the clinic
 * takes them) and the clinic's phone — never a dead "no times".
 */
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { clinicQueries } from '../../../api/queries/clinic';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ClinicPhone } from '../../../components/clinic-phone';
import { PageHeading } from '../../../components/page-heading';
import { useBookingFlow } from '../../../lib/booking-flow';
import { format, useI18n } from '../../../lib/i18n/language';
import { paths } from '../../../lib/paths';
import { setArea } from '../../../lib/service-area';
import { ClinicAnswerState } from './clinic-answer-state';

export function OutOfAreaPage() {
  const clinicQuery = useQuery(clinicQueries.settings());
  const i18n = useI18n();
  const { t } = i18n;
  const a = t.area;
  const navigate = useNavigate();
  const { reset } = useBookingFlow();
  const clinic = clinicQuery.data;
  const served = (clinic?.serviceAreas ?? []).filter((area) => !area.outOfArea).map((area) => area.name);
  const list = new Intl.ListFormat(i18n.locale, { style: 'long', type: 'conjunction' });

  return (
    <>
      <PageHeading>{a.outHeading}</PageHeading>
      <ClinicAnswerState query={clinicQuery} />
      {clinic ? (
        <>
          <p>{a.outIntro}</p>
          {served.length > 0 ? <p>{format(a.outServed, { states: list.format(served) })}</p> : null}
          <p>{a.outTravel}</p>
          {clinic.econsultEnabled ? (
            <div className="out-of-area-econsult">
              <p id="out-econsult-hint">{a.outEconsult}</p>
              <div className="actions">
                <Button
                  aria-describedby="out-econsult-hint"
                  onClick={() => {
                    reset();
                    void navigate(paths.details.to('econsult'));
                  }}
                >
                  {a.outEconsultButton}
                </Button>
              </div>
            </div>
          ) : null}
          <ClinicPhone phone={clinic.phone} />
          <p className="emergency">
            <strong>{a.outEmergency}</strong>
          </p>
          <ButtonLink variant="secondary" to={paths.start} onClick={() => setArea(null)}>
            {a.outBack}
          </ButtonLink>
        </>
      ) : null}
    </>
  );
}
