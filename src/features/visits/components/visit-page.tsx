/**
 * One visit, whatever its kind and status: the confirmation right after booking, and the place to
 * join, share, move or cancel an appointment, follow an e-consult, or fetch a finished visit's summary.
 */
import { useQuery } from '@tanstack/react-query';
import { ErrorReference } from '../../../components/error-reference';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../lib/paths';
import { Alert } from '../../../components/alert';
import { BookingSteps } from '../../../components/booking-steps';
import { CoverageStatus } from '../../../components/coverage-status';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DeviceCheck } from '../../../components/device-check';
import { ErrorState } from '../../../components/error-state';
import { InviteGuest } from '../../../components/invite-guest';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { TimeZoneLine } from '../../../components/time-zone-line';
import { JoinWindow } from '../../../components/join-window';
import { formatDate, formatSlotName, formatTimeRange, formatTimeWithZone } from '../../../lib/format-time';
import type { Messages } from '../../../lib/i18n/en';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useJustBooked, useRouteNotice } from '../../../lib/route-notice';
import { useTimeZone } from '../../../lib/time-zone';
import { useNow } from '../../../lib/use-now';
import { returnLinkQueries } from '../../../api/queries/return-link';
import { useCancelVisit, visitQueries } from '../../../api/queries/visits';
import { canInvite, canJoin, canReschedule, isWaiting } from '../../../api/visit-rules';
import { AddToCalendar } from './add-to-calendar';
import { VisitModeNotice } from './visit-mode-notice';
import { kindWords } from './visit-words';

function headingFor(visit: Visit | undefined, failed: boolean, t: Messages['visit']): string {
  if (!visit) return failed ? t.loadFailedHeading : t.heading;
  if (visit.kind === 'econsult') {
    switch (visit.status) {
      case 'pending':
      case 'confirmed':
        return t.econsultSent;
      case 'in_progress':
        return t.econsultReviewing;
      case 'completed':
        return t.econsultCompleted;
      case 'cancelled':
        return t.econsultCancelled;
    }
  }
  const appointment = visit.kind === 'appointment';
  switch (visit.status) {
    case 'confirmed':
      return visit.kind === 'walkin' ? t.inQueue : appointment ? t.appointmentConfirmed : t.visitConfirmed;
    case 'pending':
      return visit.kind === 'walkin' ? t.inQueue : appointment ? t.appointmentRequested : t.visitRequested;
    case 'in_progress':
      return t.started;
    case 'completed':
      return t.completed;
    case 'cancelled':
      return appointment ? t.appointmentCancelled : t.visitCancelled;
  }
}

function nextStepFor(visit: Visit, t: Messages['visit']): string {
  if (visit.kind === 'econsult') {
    switch (visit.status) {
      case 'pending':
      case 'confirmed':
        return t.nextEconsultWaiting;
      case 'in_progress':
        return visit.provider ? format(t.nextEconsultReviewingNamed, { provider: visit.provider.name }) : t.nextEconsultReviewing;
      case 'completed':
        return t.nextEconsultCompleted;
      case 'cancelled':
        return t.nextEconsultCancelled;
    }
  }
  switch (visit.status) {
    case 'confirmed':
    case 'pending':
      return visit.kind === 'walkin' ? t.nextWalkinWaiting : t.nextAppointment;
    case 'in_progress':
      return t.nextReady;
    case 'completed':
      return t.nextCompleted;
    case 'cancelled':
      return t.nextCancelled;
  }
}

function VisitDetails({ visit, timeZone }: { visit: Visit; timeZone: string }) {
  const sent = visit.kind === 'econsult';
  const { t: all } = useI18n();
  const t = all.visit;
  // An appointment's day and time is the one large line above (WhenLine); the others keep theirs here.
  const appointment = visit.kind === 'appointment';
  return (
    <dl className="details">
      <div>
        <dt>{t.type}</dt>
        <dd>
          {visit.modality === 'phone' ? all.visitMode.phoneKind : visit.modality === 'in_person' ? all.visitMode.inPersonKind : kindWords(visit.kind, all.visits)}
        </dd>
      </div>
      {appointment ? null : (
        <>
          <div>
            <dt>{sent ? t.sentOn : t.joinedOn}</dt>
            <dd>{formatDate(visit.start, timeZone)}</dd>
          </div>
          <div>
            <dt>{t.at}</dt>
            <dd>{formatTimeWithZone(visit.start, timeZone)}</dd>
          </div>
        </>
      )}
      {visit.patientName ? (
        <div>
          <dt>{t.patient}</dt>
          <dd>{visit.patientName}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t.provider}</dt>
        <dd>{visit.provider?.name ?? (sent ? t.notAccepted : t.willBeAssigned)}</dd>
      </div>
    </dl>
  );
}

/** The appointment's day and time: the one line a patient looks for, large, in their zone. */
function WhenLine({ visit, timeZone }: { visit: Visit; timeZone: string }) {
  return (
    <p className="when-line">
      {formatDate(visit.start, timeZone)}, {formatTimeRange(visit.start, visit.end, timeZone)}
    </p>
  );
}

/** Add to calendar, with the return link (decision 031) the calendar entries carry too. */
function CalendarWithReturnLink({ visit }: { visit: Visit }) {
  const link = useQuery(returnLinkQueries.forVisit(visit.id));
  // Once the link is made (or could not be: then this page's address), so the file is made once.
  return link.isPending ? null : <AddToCalendar visit={visit} returnUrl={link.data?.url} />;
}

/** The return link itself, to open this visit on another device. Shares the query above. */
function ReturnLinkCard({ visit }: { visit: Visit }) {
  const link = useQuery(returnLinkQueries.forVisit(visit.id));
  const { t } = useI18n();
  return link.data ? (
    <section aria-labelledby="return-link-heading" className="card return-link">
      <h2 id="return-link-heading">{t.returnVisit.linkHeading}</h2>
      {/* A phone or in-person visit has nothing to join (issue #16). */}
      <p>{visit.modality === 'video' ? t.returnVisit.linkBody : t.visitMode.linkBodyNoVideo}</p>
      <p>
        <a href={link.data.url}>{t.returnVisit.linkLabel}</a>
      </p>
    </section>
  ) : null;
}

/**
 * "Get ready": what to prepare, the camera check and the guest invite, folded so the confirmation
 * leads with the time and the calendar. A native disclosure: keyboard and screen readers know it.
 */
export function GetReady({ children, video = true }: { children: ReactNode; video?: boolean }) {
  const { t } = useI18n();
  return (
    <details className="get-ready card">
      <summary>{t.visit.getReady}</summary>
      <p className="get-ready-intro">{t.visit.getReadyIntro}</p>
      <section aria-labelledby="prepare-heading">
        <h2 id="prepare-heading">{t.visit.prepareHeading}</h2>
        <ul className="prepare-list">
          {video ? <li>{t.visit.prepareQuiet}</li> : null}
          {video ? <li>{t.visit.prepareDevice}</li> : null}
          <li>{t.visit.prepareMedicines}</li>
        </ul>
      </section>
      {children}
    </details>
  );
}

export function VisitPage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery(visitQueries.detail(id));
  const cancel = useCancelVisit(id, 'patient_cancel_appointment');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const notice = useRouteNotice();
  const justBooked = useJustBooked();
  const timeZone = useTimeZone();
  const i18n = useI18n();
  const t = i18n.t.visit;

  const visit = visitQuery.data;
  // The rules depend on the time: an appointment whose time passes while the page is open is over.
  const now = useNow(30_000);
  // An appointment still ahead (src/api/visit-rules.ts): the page helps the patient get ready,
  // share, move or cancel it.
  const upcoming = visit !== undefined && canReschedule(visit, now);
  const inQueue = visit !== undefined && isWaiting(visit);
  // A walk-in in the queue joins from the waiting room, which knows when the provider is ready.
  const joinable = visit !== undefined && canJoin(visit, now) && !inQueue;
  // Phone and in-person visits have nothing to join, test or share (issue #16).
  const video = visit === undefined || visit.modality === 'video' || visit.modality === 'econsult';
  const upcomingOrNow = visit !== undefined && visit.status !== 'completed' && visit.status !== 'cancelled';

  // The Cancel button and its dialog are gone once the appointment is cancelled: start again at
  // the heading. Only after the modal dialog has left the page, or the page behind it is inert.
  useEffect(() => {
    if (cancel.isSuccess && !upcoming) headingRef.current?.focus();
  }, [cancel.isSuccess, upcoming]);

  return (
    <>
      <div className={upcoming ? 'success-header' : undefined}>
        {/* A confirmed appointment gets a success mark; the heading says it in words. */}
        {upcoming ? (
          <span className="success-mark" aria-hidden="true">
            ✓
          </span>
        ) : null}
        <PageHeading ref={headingRef}>{headingFor(visit, visitQuery.isError, t)}</PageHeading>
      </div>
      {/* Straight from booking: the last of the booking steps. */}
      {justBooked && visit?.kind === 'appointment' && visit.status !== 'cancelled' ? (
        <BookingSteps kind="appointment" current="done" />
      ) : null}
      {justBooked && visit?.kind === 'econsult' && visit.status !== 'cancelled' ? (
        <BookingSteps kind="econsult" current="sent" />
      ) : null}

      {visitQuery.isPending ? <Spinner label={t.loading} /> : null}

      {visitQuery.isError ? (
        <ErrorState
          title={t.loadError}
          message={errorText(visitQuery.error, i18n)}
          error={visitQuery.error}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {visit ? (
        <>
          {/* "Moved to the new time" is stale once the visit is cancelled: then the page says only that. */}
          {notice && visit.status !== 'cancelled' ? (
            <Alert tone="info">
              <p>{notice}</p>
            </Alert>
          ) : null}
          {visit.kind === 'appointment' ? <WhenLine visit={visit} timeZone={timeZone} /> : null}
          {/* Right under the time: into the calendar, with the link that brings the patient back. */}
          {upcoming && visit.kind === 'appointment' ? <CalendarWithReturnLink visit={visit} /> : null}
          <VisitDetails visit={visit} timeZone={timeZone} />
          <TimeZoneLine at={visit.start} />
          {/* The confirmation: how the visit is paid, and the coverage check as it finishes. */}
          {justBooked && visit.status !== 'cancelled' ? <CoverageStatus /> : null}

          {upcoming && visit.oneTimeLink ? (
            <section aria-labelledby="one-time-link-heading">
              <h2 id="one-time-link-heading">{t.oneTimeHeading}</h2>
              <p>{t.oneTimeBody}</p>
              <p>
                <a href={visit.oneTimeLink} rel="noreferrer">
                  {visit.oneTimeLink}
                </a>
              </p>
            </section>
          ) : null}

          {/* A phone or in-person visit: how it happens instead of "join the video". */}
          {video || !upcomingOrNow ? (
            <>
              <h2>{visit.status === 'completed' || visit.status === 'cancelled' ? t.whatNow : t.whatNext}</h2>
              {/* A video appointment's next step is the join window's one sentence below (when
                  joining opens and what to press): not said twice. */}
              {joinable && visit.kind === 'appointment' && (visit.status === 'confirmed' || visit.status === 'pending') ? null : (
                <p>{nextStepFor(visit, t)}</p>
              )}
            </>
          ) : (
            <VisitModeNotice visit={visit} />
          )}
          {/* From 15 minutes before the start, as on the return link's page; before then, when. */}
          {joinable ? (
            <JoinWindow visit={visit}>
              <JoinVideoButton visitId={visit.id} />
            </JoinWindow>
          ) : null}
          {inQueue ? <ButtonLink to={paths.waitingRoom.to(visit.id)}>{t.goToWaitingRoom}</ButtonLink> : null}

          {visit.status === 'completed' && visit.hasSummary ? (
            <div className="actions">
              {/* A plain link: the proxy sends the PDF as a download and the session cookie goes along. */}
              <a className="button button-primary" href={paths.visitSummary(visit.id)} download>
                {t.downloadSummary}
              </a>
            </div>
          ) : null}

          {visit.status === 'cancelled' ? (
            <div className="actions">
              <ButtonLink to={paths.start}>{t.bookAgain}</ButtonLink>
            </div>
          ) : null}

          {upcoming ? (
            <>
              <GetReady video={video}>
                {video ? <DeviceCheck /> : null}
                {canInvite(visit, now) ? <InviteGuest visitId={visit.id} /> : null}
              </GetReady>
              {visit.kind === 'appointment' ? <ReturnLinkCard visit={visit} /> : null}
              <section aria-labelledby="change-heading">
                <h2 id="change-heading">{t.changeHeading}</h2>
                <div className="actions">
                  <ButtonLink to={paths.rescheduleTime.to(visit.id)} variant="secondary">
                    {t.reschedule}
                  </ButtonLink>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      cancel.reset();
                      setConfirmingCancel(true);
                    }}
                  >
                    {t.cancel}
                  </Button>
                </div>
              </section>
              <ConfirmDialog
                open={confirmingCancel}
                title={t.cancelTitle}
                confirmLabel={t.cancelConfirm}
                dismissLabel={t.cancelDismiss}
                busy={cancel.isPending}
                onConfirm={() => cancel.mutate()}
                onDismiss={() => setConfirmingCancel(false)}
              >
                <p>{format(t.cancelBody, { time: formatSlotName(visit.start, timeZone) })}</p>
                {cancel.isError ? (
                  <Alert title={t.cancelErrorTitle}>
                    <p>{errorText(cancel.error, i18n)}</p>
                    <ErrorReference error={cancel.error} />
                  </Alert>
                ) : null}
              </ConfirmDialog>
            </>
          ) : null}

          <div className="actions">
            <ButtonLink to={paths.visits} variant="secondary">
              {t.myVisits}
            </ButtonLink>
            <ButtonLink to={paths.start} variant="secondary">
              {i18n.t.common.backToStart}
            </ButtonLink>
          </div>
        </>
      ) : null}
    </>
  );
}
