import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueryOptions } from '../../../lib/clinic-query';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatTimeRange, formatTimeWithZone } from '../../../lib/format-time';
import { useHandoff } from '../../../lib/handoff';
import { useTimeZone } from '../../../lib/time-zone';
import { visitListQueryOptions } from '../api/visits-api';
import { KIND_WORDS, statusWords } from './visit-words';

function VisitItem({ visit, timeZone }: { visit: Visit; timeZone: string }) {
  return (
    <li className="visit-card">
      <h3 className="visit-card-title">
        <Link to={paths.visit.to(visit.id)}>
          {KIND_WORDS[visit.kind]} on {formatDate(visit.start, timeZone)}
        </Link>
      </h3>
      <p>
        {visit.kind === 'appointment'
          ? formatTimeRange(visit.start, visit.end, timeZone)
          : `${visit.kind === 'econsult' ? 'Sent at' : 'Joined at'} ${formatTimeWithZone(visit.start, timeZone)}`}
      </p>
      <p>Provider: {visit.provider?.name ?? 'Not assigned yet'}</p>
      <p>Status: {statusWords(visit)}</p>
    </li>
  );
}

interface VisitSectionProps {
  id: string;
  title: string;
  visits: Visit[];
  empty: ReactNode;
  timeZone: string;
}

function VisitSection({ id, title, visits, empty, timeZone }: VisitSectionProps) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {visits.length > 0 ? (
        <ul className="visit-list">
          {visits.map((visit) => (
            <VisitItem key={visit.id} visit={visit} timeZone={timeZone} />
          ))}
        </ul>
      ) : (
        <div className="empty-state">{empty}</div>
      )}
    </section>
  );
}

export function MyVisitsPage() {
  const visitsQuery = useQuery(visitListQueryOptions());
  const clinic = useQuery(clinicQueryOptions()).data;
  const dashboard = useHandoff({ target: 'dashboard' });
  const { reset } = useBookingFlow();
  const timeZone = useTimeZone();

  return (
    <>
      <PageHeading>My visits</PageHeading>

      {visitsQuery.isPending ? <Spinner label="Loading your visits…" /> : null}

      {visitsQuery.isError ? (
        <ErrorState
          title="We could not load your visits"
          message={visitsQuery.error.message}
          onRetry={() => void visitsQuery.refetch()}
          retrying={visitsQuery.isFetching}
        />
      ) : null}

      {visitsQuery.data ? (
        <>
          <TimeZonePicker />
          <VisitSection
            id="upcoming-heading"
            title="Upcoming"
            visits={visitsQuery.data.upcoming}
            timeZone={timeZone}
            empty={
              <>
                <p>You have no upcoming visits.</p>
                <div className="actions">
                  {clinic?.appointmentEnabled ? (
                    <ButtonLink to={paths.details.to('appointment')} onClick={reset}>
                      Schedule an appointment
                    </ButtonLink>
                  ) : null}
                  <ButtonLink to={paths.start} variant="secondary">
                    See all ways to get care
                  </ButtonLink>
                </div>
              </>
            }
          />
          <VisitSection
            id="past-heading"
            title="Past"
            visits={visitsQuery.data.past}
            timeZone={timeZone}
            empty={<p>You have no past visits.</p>}
          />
        </>
      ) : null}

      <section aria-labelledby="dashboard-heading">
        <h2 id="dashboard-heading">Your clinic dashboard</h2>
        <p>See your visits, messages and records on the clinic’s own site.</p>
        {dashboard.error ? (
          <Alert title="We could not open your dashboard">
            <p>{dashboard.error.message}</p>
            <p>Press Go to my clinic dashboard to try again.</p>
          </Alert>
        ) : null}
        <div role="status" className="form-status">
          {dashboard.busy
            ? 'Opening your dashboard…'
            : dashboard.outcome?.kind === 'new-tab'
              ? 'Your dashboard opened in a new tab.'
              : ''}
        </div>
        {dashboard.outcome?.kind === 'link' ? (
          <p>
            Your browser did not open a new tab.{' '}
            <a href={dashboard.outcome.url} target="_blank" rel="noopener noreferrer" onClick={dashboard.followedLink}>
              Open your clinic dashboard
            </a>
          </p>
        ) : null}
        <div className="actions">
          <Button variant="secondary" busy={dashboard.busy} onClick={dashboard.start}>
            Go to my clinic dashboard
          </Button>
        </div>
      </section>
    </>
  );
}
