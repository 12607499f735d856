/**
 * "Join video visit": asks our proxy for a one-time portal address for this visit, then leaves
 * for the clinic’s video portal (or, embedded, opens it where the clinic chose). Shared by the
 * confirmation page and the waiting room.
 */
import { handoffQueries, useHandoff, useLeavesByLink } from '../api/queries/handoff';
import { ErrorReference } from './error-reference';
import { PortalLink } from './portal-link';
import { errorText } from '../lib/i18n/error-text';
import { useI18n } from '../lib/i18n/language';
import { Alert } from './alert';
import { Button } from './button';
import { NewTabFallback } from './new-tab-fallback';

export function JoinVideoButton({ visitId }: { visitId: string }) {
  const { t } = useI18n();
  return useLeavesByLink() ? (
    <PortalLink
      address={handoffQueries.url({ target: 'visit', visitId })}
      label={t.joinVideo.button}
      loading={t.joinVideo.opening}
      errorTitle={t.joinVideo.errorTitle}
      target="visit"
    />
  ) : (
    <JoinByButton visitId={visitId} />
  );
}

function JoinByButton({ visitId }: { visitId: string }) {
  const join = useHandoff({ target: 'visit', visitId });
  const { outcome } = join;
  const i18n = useI18n();
  const { t } = i18n;

  return (
    <div className="join-video">
      <Button busy={join.busy} onClick={join.start}>
        {t.joinVideo.button}
      </Button>
      <div role="status" className="join-video-status">
        {join.busy ? t.joinVideo.opening : ''}
      </div>
      <NewTabFallback outcome={outcome} onFollow={join.followedLink} label={t.joinVideo.link} />
      {join.error ? (
        <Alert title={t.joinVideo.errorTitle}>
          <p>{errorText(join.error, i18n)}</p>
          <ErrorReference error={join.error} />
          <p>{t.joinVideo.pressAgain}</p>
        </Alert>
      ) : null}
    </div>
  );
}
