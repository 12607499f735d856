import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { formatDate, formatTimeRange, patientTimeZone, timeZoneLabel } from '../../../lib/format-time';
import { visitQueryOptions } from '../../../lib/visit-query';

function headingFor(visit: Visit | undefined, failed: boolean): string {
  if (!visit) return failed ? 'We could not load your visit' : 'Your visit';
  const noun = visit.kind === 'appointment' ? 'Appointment' : 'Visit';
  switch (visit.status) {
    case 'confirmed':
      return `${noun} confirmed`;
    case 'pending':
      return `${noun} requested`;
    case 'in_progress':
      return 'Your visit has started';
    case 'completed':
      return 'Visit completed';
    case 'cancelled':
      return `${noun} cancelled`;
  }
}

function nextStepFor(visit: Visit): string {
  switch (visit.status) {
    case 'confirmed':
    case 'pending':
      return 'Come back here a few minutes before your visit and press Join video visit.';
    case 'in_progress':
      return 'Your provider is ready. Press Join video visit to start.';
    case 'completed':
      return 'This visit has ended. Thank you for visiting.';
    case 'cancelled':
      return 'This visit will not take place. You can book a new one from the start page.';
  }
}

export function ConfirmationPage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery(visitQueryOptions(id));
  const visit = visitQuery.data;
  const timeZone = patientTimeZone();
  const canJoin = visit ? visit.status !== 'completed' && visit.status !== 'cancelled' : false;

  return (
    <>
      <PageHeading>{headingFor(visit, visitQuery.isError)}</PageHeading>

      {visitQuery.isPending ? <Spinner label="Loading your visit…" /> : null}

      {visitQuery.isError ? (
        <ErrorState
          title="Your visit details did not load"
          message={visitQuery.error.message}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {visit ? (
        <>
          <dl className="details">
            <div>
              <dt>Date</dt>
              <dd>{formatDate(visit.start, timeZone)}</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>{formatTimeRange(visit.start, visit.end, timeZone)}</dd>
            </div>
            <div>
              <dt>Provider</dt>
              <dd>{visit.provider?.name ?? 'A provider will be assigned'}</dd>
            </div>
          </dl>
          <p className="timezone-note">Times are shown in {timeZoneLabel(timeZone, visit.start)}.</p>

          <h2>What happens next</h2>
          <p>{nextStepFor(visit)}</p>
          {canJoin ? <JoinVideoButton visitId={visit.id} /> : null}
          <p>
            <ButtonLink to={paths.start} variant="secondary">
              Back to start
            </ButtonLink>
          </p>
        </>
      ) : null}
    </>
  );
}
