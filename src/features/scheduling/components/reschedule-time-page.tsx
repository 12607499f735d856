/** Choose a new time for an upcoming appointment (the booking picker, on this visit's intake). */
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import type { Slot } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button-link';
import { ClinicPhone } from '../../../components/clinic-phone';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueries } from '../../../api/queries/clinic';
import { formatSlotName } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useRouteNotice } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { useNow } from '../../../lib/use-now';
import { visitQueries } from '../../../api/queries/visits';
import { canReschedule } from '../../../api/visit-rules';
import { SlotPicker } from './slot-picker';

export function RescheduleTimePage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery(visitQueries.detail(id));
  const clinic = useQuery(clinicQueries.settings()).data;
  const { flow, chooseRescheduleSlot } = useBookingFlow();
  const navigate = useNavigate();
  const notice = useRouteNotice();
  const timeZone = useTimeZone();
  const now = useNow(30_000);
  const visit = visitQuery.data;
  const movable = visit !== undefined && canReschedule(visit, now);
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

      {visit && !movable ? (
        <>
          <Alert tone="info" title={t.scheduling.cannotMoveTitle}>
            <p>{t.scheduling.cannotMoveBody}</p>
          </Alert>
          <ButtonLink to={paths.visit.to(id)} variant="secondary">
            {t.scheduling.backToVisit}
          </ButtonLink>
        </>
      ) : null}

      {visit && movable ? (
        <>
          <p className="lead">{format(t.scheduling.nowOn, { time: formatSlotName(visit.start, timeZone) })}</p>
          <SlotPicker
            search={{ visitId: id }}
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
