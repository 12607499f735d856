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

  const choose = (slot: Slot) => {
    chooseRescheduleSlot(id, slot);
    void navigate(paths.rescheduleReview.to(id));
  };

  const keepLink = (
    <ButtonLink to={paths.visit.to(id)} variant="secondary">
      Keep my current time
    </ButtonLink>
  );

  return (
    <>
      <PageHeading>Choose a new time</PageHeading>
      {notice ? (
        <Alert title="That time is no longer available">
          <p>{notice}</p>
        </Alert>
      ) : null}

      {visitQuery.isPending ? <Spinner label="Loading your appointment…" /> : null}

      {visitQuery.isError ? (
        <ErrorState
          title="We could not load your appointment"
          message={visitQuery.error.message}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {visit && !isUpcomingAppointment(visit) ? (
        <>
          <Alert tone="info" title="This visit cannot be moved">
            <p>Only an upcoming, confirmed appointment can be moved to another time.</p>
          </Alert>
          <ButtonLink to={paths.visit.to(id)} variant="secondary">
            Back to your visit
          </ButtonLink>
        </>
      ) : null}

      {visit && isUpcomingAppointment(visit) ? (
        <>
          <p className="lead">Your appointment is now on {formatSlotName(visit.start, timeZone)}.</p>
          <SlotPicker
            intakeId={rescheduleIntakeId(id)}
            onChoose={choose}
            initialSlot={!notice && flow.rescheduleVisitId === id ? flow.slot : null}
            empty={
              <div className="no-times">
                <p>Your appointment stays as it is. Please check again later.</p>
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
