/**
 * Step 3b: pick the time on the clinic's own VSee scheduling page, with the visit details already
 * made (the intake goes along). The clinic's choice (SCHEDULING=vsee), or the way forward when no
 * time here suits. Leaves the way Join does: a button here, a real link in an embed that opens
 * new tabs (src/api/queries/handoff.ts).
 */
import { handoffQueries, useHandoff, useLeavesByLink } from '../../../api/queries/handoff';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ErrorReference } from '../../../components/error-reference';
import { PortalLink } from '../../../components/portal-link';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { NewTabFallback } from '../../../components/new-tab-fallback';
import { useBookingFlow } from '../../../lib/booking-flow';
import { paths } from '../../../lib/paths';

/** `first`: above the times, for a patient who asked for this page (decision 069). */
export function ScheduleOnSite({ intakeId, primary = false, first = false }: { intakeId: string; primary?: boolean; first?: boolean }) {
  const { t: all } = useI18n();
  const t = all.choices;
  const label = primary ? t.scheduleOnSite : t.moreTimesOnSite;
  return (
    <div className={first ? 'schedule-on-site schedule-on-site-first' : 'schedule-on-site'}>
      <p id="schedule-on-site-hint">{primary ? t.scheduleOnSiteHint : t.moreTimesHint}</p>
      {useLeavesByLink() ? (
        <PortalLink
          address={handoffQueries.url({ target: 'schedule', intakeId })}
          label={label}
          loading={t.openingSchedule}
          errorTitle={t.scheduleOnSite}
          target="schedule"
          variant={primary ? 'primary' : 'secondary'}
        />
      ) : (
        <ScheduleButton intakeId={intakeId} label={label} primary={primary} />
      )}
    </div>
  );
}

/**
 * The same way out before there is an intake (times first): the clinic's page needs one, so the
 * patient gives who and why first, then the time step hands them off (book-details.tsx).
 */
export function ScheduleOnSiteFirst() {
  const { t } = useI18n();
  const { askClinicPage } = useBookingFlow();
  return (
    <div className="schedule-on-site">
      <p id="schedule-on-site-hint">{t.choices.moreTimesFirstHint}</p>
      <ButtonLink to={paths.appointmentMoreTimes} onClick={askClinicPage} variant="secondary" aria-describedby="schedule-on-site-hint">
        {t.choices.moreTimesFirst}
      </ButtonLink>
    </div>
  );
}

function ScheduleButton({ intakeId, label, primary }: { intakeId: string; label: string; primary: boolean }) {
  const go = useHandoff({ target: 'schedule', intakeId });
  const i18n = useI18n();
  const t = i18n.t.choices;
  return (
    <>
      <Button variant={primary ? 'primary' : 'secondary'} busy={go.busy} onClick={go.start} aria-describedby="schedule-on-site-hint">
        {label}
      </Button>
      <div role="status" className="join-video-status">
        {go.busy ? t.openingSchedule : ''}
      </div>
      <NewTabFallback outcome={go.outcome} onFollow={go.followedLink} label={t.scheduleLink} />
      {go.error ? (
        <Alert title={t.scheduleOnSite}>
          <p>{errorText(go.error, i18n)}</p>
          <ErrorReference error={go.error} />
        </Alert>
      ) : null}
    </>
  );
}
