/**
 * `/v/<token>`: one appointment, opened from the return link in any browser, signed in or not
 * (decision 031). It shows that visit and, from 15 minutes before the start, a real link to join
 * it: nothing else of the patient's, no cancel, no "My visits".
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { clinicQueries } from '../../../api/queries/clinic';
import { returnLinkQueries } from '../../../api/queries/return-link';
import { Alert } from '../../../components/alert';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { VisitModeNotice } from './visit-mode-notice';
import { JoinWindow } from '../../../components/join-window';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { TimeZoneLine } from '../../../components/time-zone-line';
import { isEmbedded } from '../../../lib/embed';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { paths } from '../../../lib/paths';
import { useTimeZone } from '../../../lib/time-zone';

export function ReturnVisitPage() {
  const { token = '' } = useParams();
  const visitQuery = useQuery(returnLinkQueries.visit(token));
  const timeZone = useTimeZone();
  const i18n = useI18n();
  const { t } = i18n;
  const visit = visitQuery.data?.visit;
  const gone = visitQuery.isError && 'status' in visitQuery.error && visitQuery.error.status === 404;

  return (
    <>
      <PageHeading>{gone ? t.returnVisit.goneTitle : visit && visit.modality !== 'video' ? t.visitMode.returnHeading : t.returnVisit.heading}</PageHeading>
      {visitQuery.isPending ? <Spinner label={t.returnVisit.loading} /> : null}
      {gone ? (
        <>
          <p>{errorText(visitQuery.error, i18n)}</p>
          <div className="actions">
            <ButtonLink to={paths.start}>{t.returnVisit.bookNew}</ButtonLink>
          </div>
        </>
      ) : visitQuery.isError ? (
        <ErrorState
          title={t.visit.loadError}
          message={errorText(visitQuery.error, i18n)}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}
      {visit ? (
        <>
          {/* The same one line as the confirmation's. */}
          <p className="when-line">
            {formatDate(visit.start, timeZone)}, {formatTimeRange(visit.start, visit.end, timeZone)}
          </p>
          <dl className="details">
            <div>
              <dt>{t.visit.type}</dt>
              <dd>{t.visits.kindAppointment}</dd>
            </div>
            <div>
              <dt>{t.visit.provider}</dt>
              <dd>{visit.provider?.name ?? t.visit.willBeAssigned}</dd>
            </div>
          </dl>
          {/* A phone or in-person visit: how it happens, never a video join (issue #16). */}
          {visit.modality === 'video' ? (
            <JoinWindow visit={visit}>
              <JoinLink token={token} />
            </JoinWindow>
          ) : (
            <VisitModeNotice visit={visit} />
          )}
          <p>{t.returnVisit.intro}</p>
          <TimeZoneLine at={visit.start} />
        </>
      ) : null}
    </>
  );
}

/**
 * Join as a real link, its address fetched when joining opens: a link opens where it should
 * even on a host page that isolates itself (Cross-Origin-Opener-Policy), where a window opened
 * blank by script and sent on later is cut off.
 */
function JoinLink({ token }: { token: string }) {
  const join = useQuery(returnLinkQueries.join(token));
  const mode = useQuery(clinicQueries.settings()).data?.handoffTarget ?? 'new-tab';
  const i18n = useI18n();
  const { t } = i18n;
  const target = !isEmbedded() || mode === 'self' ? '_self' : mode === 'top' ? '_top' : '_blank';
  if (join.isError) {
    return (
      <Alert title={t.joinVideo.errorTitle}>
        <p>{errorText(join.error, i18n)}</p>
      </Alert>
    );
  }
  return (
    <div className="join-video">
      {join.data ? (
        <a className="button button-primary" href={join.data} target={target} rel="noopener noreferrer">
          {t.joinVideo.button}
        </a>
      ) : (
        <Spinner label={t.joinVideo.opening} />
      )}
    </div>
  );
}
