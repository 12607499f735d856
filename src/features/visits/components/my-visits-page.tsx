import { useQuery } from '@tanstack/react-query';
import { ErrorReference } from '../../../components/error-reference';
import type { ReactNode } from 'react';
import { AppLink } from '../../../components/app-link';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow } from '../../../lib/booking-flow';
import { clinicQueries } from '../../../api/queries/clinic';
import { visitQueries } from '../../../api/queries/visits';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatTimeRange, formatTimeWithZone } from '../../../lib/format-time';
import { handoffQueries, useHandoff, useLeavesByLink } from '../../../api/queries/handoff';
import { PortalLink } from '../../../components/portal-link';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';
import { kindWords, statusWords } from './visit-words';
import { NewTabFallback } from '../../../components/new-tab-fallback';

function VisitItem({ visit, timeZone }: { visit: Visit; timeZone: string }) {
  const t = useI18n().t.visits;
  return (
    <li className="visit-card">
      <h3 className="visit-card-title">
        <AppLink to={paths.visit.to(visit.id)}>
          {format(t.cardTitle, { kind: kindWords(visit.kind, t), date: formatDate(visit.start, timeZone) })}
        </AppLink>
      </h3>
      {visit.patientName ? <p className="visit-card-for">{format(t.forPatient, { name: visit.patientName })}</p> : null}
      <p>
        {visit.kind === 'appointment'
          ? formatTimeRange(visit.start, visit.end, timeZone)
          : format(visit.kind === 'econsult' ? t.sentAt : t.joinedAt, { time: formatTimeWithZone(visit.start, timeZone) })}
      </p>
      <p>{format(t.provider, { name: visit.provider?.name ?? t.notAssigned })}</p>
      <p>{format(t.status, { status: statusWords(visit, t) })}</p>
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
  const visitsQuery = useQuery(visitQueries.list());
  const clinic = useQuery(clinicQueries.settings()).data;
  const byLink = useLeavesByLink();
  const { reset } = useBookingFlow();
  const timeZone = useTimeZone();
  const i18n = useI18n();
  const t = i18n.t.visits;
  // A cancelled visit never took place: it has a list of its own, shown only when there is one.
  const past = visitsQuery.data?.past.filter((visit) => visit.status !== 'cancelled') ?? [];
  const cancelled = visitsQuery.data?.past.filter((visit) => visit.status === 'cancelled') ?? [];

  return (
    <>
      <PageHeading>{t.heading}</PageHeading>

      {visitsQuery.isPending ? <Spinner label={t.loading} /> : null}

      {visitsQuery.isError ? (
        <ErrorState
          title={t.loadError}
          message={errorText(visitsQuery.error, i18n)}
          error={visitsQuery.error}
          onRetry={() => void visitsQuery.refetch()}
          retrying={visitsQuery.isFetching}
        />
      ) : null}

      {visitsQuery.data ? (
        <>
          <TimeZonePicker />
          <VisitSection
            id="upcoming-heading"
            title={t.upcoming}
            visits={visitsQuery.data.upcoming}
            timeZone={timeZone}
            empty={
              <>
                <p>{t.noUpcoming}</p>
                <div className="actions">
                  {clinic?.appointmentEnabled ? (
                    <ButtonLink to={paths.details.to('appointment')} onClick={reset}>
                      {t.schedule}
                    </ButtonLink>
                  ) : null}
                  <ButtonLink to={paths.start} variant="secondary">
                    {t.allWays}
                  </ButtonLink>
                </div>
              </>
            }
          />
          <VisitSection
            id="past-heading"
            title={t.past}
            visits={past}
            timeZone={timeZone}
            empty={<p>{t.noPast}</p>}
          />
          {cancelled.length > 0 ? (
            <VisitSection id="cancelled-heading" title={t.cancelled} visits={cancelled} timeZone={timeZone} empty={null} />
          ) : null}
        </>
      ) : null}

      <section aria-labelledby="dashboard-heading">
        <h2 id="dashboard-heading">{t.dashboardHeading}</h2>
        <p>{t.dashboardBody}</p>
        {byLink ? (
          <PortalLink
            address={handoffQueries.url({ target: 'dashboard' })}
            label={t.dashboardButton}
            loading={t.dashboardOpening}
            errorTitle={t.dashboardErrorTitle}
            target="dashboard"
            variant="secondary"
          />
        ) : (
          <DashboardButton />
        )}
      </section>
    </>
  );
}

function DashboardButton() {
  const dashboard = useHandoff({ target: 'dashboard' });
  const i18n = useI18n();
  const t = i18n.t.visits;
  return (
    <>
      {dashboard.error ? (
        <Alert title={t.dashboardErrorTitle}>
          <p>{errorText(dashboard.error, i18n)}</p>
          <ErrorReference error={dashboard.error} />
          <p>{t.dashboardPressAgain}</p>
        </Alert>
      ) : null}
      <div role="status" className="form-status">
        {dashboard.busy ? t.dashboardOpening : ''}
      </div>
      <NewTabFallback outcome={dashboard.outcome} onFollow={dashboard.followedLink} label={t.dashboardLink} />
      <div className="actions">
        <Button variant="secondary" busy={dashboard.busy} onClick={dashboard.start}>
          {t.dashboardButton}
        </Button>
      </div>
    </>
  );
}
