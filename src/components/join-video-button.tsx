/**
 * "Join video visit": asks our proxy for a one-time portal address for this visit, then leaves
 * for the clinic’s video portal. Shared by the confirmation page and the waiting room.
 */
import { useMutation } from '@tanstack/react-query';
import { requestHandoff } from '../lib/handoff';
import { Alert } from './alert';
import { Button } from './button';

export function JoinVideoButton({ visitId }: { visitId: string }) {
  const join = useMutation({
    mutationFn: () => requestHandoff({ target: 'visit', visitId }),
    onSuccess: (url) => {
      window.location.assign(url);
    },
  });

  return (
    <div className="join-video">
      <Button busy={join.isPending || join.isSuccess} onClick={() => join.mutate()}>
        Join video visit
      </Button>
      <div role="status" className="join-video-status">
        {join.isPending || join.isSuccess ? 'Opening your video visit…' : ''}
      </div>
      {join.isError ? (
        <Alert title="We could not open your video visit">
          <p>{join.error.message}</p>
          <p>Press Join video visit to try again.</p>
        </Alert>
      ) : null}
    </div>
  );
}
