/** Choose a new time for an upcoming appointment (the booking picker, on this visit's intake). */
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button-link';
import { ClinicPhone } from '../../../components/clinic-phone';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../../../lib/clinic-query';
import { formatSlotName } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useRouteNotice } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { isUpcomingAppointment, visitQueryOptions } from '../../../lib/visit-query';
import { rescheduleIntakeId } from '../api/scheduling-api';
import { SlotPicker } from './slot-picker';

export function RescheduleTimePage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery(visitQueryOptions(id));
  const clinic = useQuery(clinicQueryOptions()).data;
  const { flow, chooseRescheduleSlot } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();
  const timeZone = useTimeZone();
  const visit = visitQuery.data;
  const i18n = useI18n();
  const { t } = i18n;

  const choose = (slot: Slot) => {
    chooseRescheduleSlot(id, slot);
    void navigate(paths.rescheduleReview.to(id));
  };

  const keepLink = (
    <ButtonLink to={paths.visit.to(id)} variant="secondary">
      {t.scheduling.keepCurrent}
    </ButtonLink>
  );

  return (
    <>
      <PageHeading>{t.scheduling.rescheduleHeading}</PageHeading>
      {notice ? (
        <Alert title={t.scheduling.noLongerAvailable}>
          <p>{notice}</p>
        </Alert>
      ) : null}

      {visitQuery.isPending ? <Spinner label={t.scheduling.loadingAppointment} /> : null}

      {visitQuery.isError ? (
        <ErrorState
          title={t.scheduling.loadAppointmentError}
          message={errorText(visitQuery.error, i18n)}
          error={visitQuery.error}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {visit && !isUpcomingAppointment(visit) ? (
        <>
          <Alert tone="info" title={t.scheduling.cannotMoveTitle}>
            <p>{t.scheduling.cannotMoveBody}</p>
          </Alert>
          <ButtonLink to={paths.visit.to(id)} variant="secondary">
            {t.scheduling.backToVisit}
          </ButtonLink>
        </>
      ) : null}

      {visit && isUpcomingAppointment(visit) ? (
        <>
          <p className="lead">{format(t.scheduling.nowOn, { time: formatSlotName(visit.start, timeZone) })}</p>
          <SlotPicker
            intakeId={rescheduleIntakeId(id)}
            onChoose={choose}
            initialSlot={!notice && flow.rescheduleVisitId === id ? flow.slot : null}
            empty={
              <div className="no-times">
                <p>{t.scheduling.staysAsIs}</p>
                <ClinicPhone phone={clinic?.phone} />
              </div>
            }
          />
          <div className="actions">{keepLink}</div>
        </>
      ) : null}
    </>
  );
}
