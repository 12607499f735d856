/**
 * Step 3b: pick the time on the clinic's own VSee scheduling page, with the visit details already
 * made (the intake goes along). The clinic's choice (SCHEDULING=vsee), or the way forward when no
 * time here suits. Leaves the way Join does (src/lib/portal-exit.ts), from the patient's click.
 */
import { useHandoff } from '../../../api/queries/handoff';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorReference } from '../../../components/error-reference';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';

export function ScheduleOnSite({ intakeId, primary = false }: { intakeId: string; primary?: boolean }) {
  const go = useHandoff({ target: 'schedule', intakeId });
  const i18n = useI18n();
  const t = i18n.t.choices;
  return (
    <div className="schedule-on-site">
      <p id="schedule-on-site-hint">{primary ? t.scheduleOnSiteHint : t.moreTimesHint}</p>
      <Button variant={primary ? 'primary' : 'secondary'} busy={go.busy} onClick={go.start} aria-describedby="schedule-on-site-hint">
        {primary ? t.scheduleOnSite : t.moreTimesOnSite}
      </Button>
      <div role="status" className="join-video-status">
        {go.busy ? t.openingSchedule : go.outcome?.kind === 'new-tab' ? t.scheduleOpenedTab : ''}
      </div>
      {go.outcome?.kind === 'link' ? (
        <p>
          {i18n.t.common.noNewTab}{' '}
          <a href={go.outcome.url} target="_blank" rel="noopener noreferrer" onClick={go.followedLink}>
            {t.scheduleLink}
          </a>
        </p>
      ) : null}
      {go.error ? (
        <Alert title={t.scheduleOnSite}>
          <p>{errorText(go.error, i18n)}</p>
          <ErrorReference error={go.error} />
        </Alert>
      ) : null}
    </div>
  );
}
