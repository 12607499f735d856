/**
 * "Join video visit": asks our proxy for a one-time portal address for this visit, then leaves
 * for the clinic’s video portal (or, embedded, opens it where the clinic chose). Shared by the
 * confirmation page and the waiting room.
 */
import { useHandoff } from '../lib/handoff';
import { Alert } from './alert';
import { Button } from './button';

export function JoinVideoButton({ visitId }: { visitId: string }) {
  const join = useHandoff({ target: 'visit', visitId });
  const { outcome } = join;

  return (
    <div className="join-video">
      <Button busy={join.busy} onClick={join.start}>
        Join video visit
      </Button>
      <div role="status" className="join-video-status">
        {join.busy ? 'Opening your video visit…' : outcome?.kind === 'new-tab' ? 'Your video visit opened in a new tab.' : ''}
      </div>
      {outcome?.kind === 'link' ? (
        <p>
          Your browser did not open a new tab.{' '}
          <a href={outcome.url} target="_blank" rel="noopener noreferrer" onClick={join.followedLink}>
            Open your video visit
          </a>
        </p>
      ) : null}
      {join.error ? (
        <Alert title="We could not open your video visit">
          <p>{join.error.message}</p>
          <p>Press Join video visit to try again.</p>
        </Alert>
      ) : null}
    </div>
  );
}
