import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import type { Visit } from '../../../api/contract';
import { paths } from '../../../app/paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ButtonLink } from '../../../components/button-link';
import { ErrorState } from '../../../components/error-state';
import { JoinVideoButton } from '../../../components/join-video-button';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { formatDuration } from '../../../lib/format-time';
import { useNow } from '../../../lib/use-now';
import { visitQueryOptions } from '../../../lib/visit-query';
import { useLeaveWaitingRoom } from '../api/walkin-api';

/** How often we ask whether the provider is ready. */
export const QUEUE_POLL_MS = 3_000;

const isWaiting = (visit: Visit | undefined) => visit?.status === 'pending' || visit?.status === 'confirmed';

type RoomState = 'loading' | 'error' | 'left' | 'waiting' | 'ready' | 'completed' | 'cancelled';

const HEADINGS: Record<RoomState, string> = {
  loading: 'Waiting room',
  error: 'Waiting room',
  left: 'You left the waiting room',
  waiting: 'You are in the queue',
  ready: 'Your provider is ready',
  completed: 'Your visit has ended',
  cancelled: 'Your visit was cancelled',
};

/** What the polite live region says: only real changes in the patient's place, never the clock. */
const ANNOUNCEMENTS: Record<RoomState, string> = {
  loading: '',
  error: '',
  left: 'You left the waiting room.',
  waiting: 'You are in the queue. A provider will see you soon.',
  ready: 'Your provider is ready. Press Join video visit to start.',
  completed: 'Your visit has ended.',
  cancelled: 'Your visit was cancelled.',
};

function roomState(visit: Visit | undefined, failed: boolean, left: boolean): RoomState {
  if (left) return 'left';
  if (!visit) return failed ? 'error' : 'loading';
  switch (visit.status) {
    case 'in_progress':
      return 'ready';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'waiting';
  }
}

export function WaitingRoomPage() {
  const { id = '' } = useParams();
  const visitQuery = useQuery({
    ...visitQueryOptions(id),
    refetchInterval: (query) => (isWaiting(query.state.data) ? QUEUE_POLL_MS : false),
  });
  const leave = useLeaveWaitingRoom(id);
  const now = useNow(1_000);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const visit = visitQuery.data;
  const state = roomState(visit, visitQuery.isError, leave.isSuccess);

  // The Leave button is gone once pressed: put focus somewhere meaningful.
  useEffect(() => {
    if (leave.isSuccess) headingRef.current?.focus();
  }, [leave.isSuccess]);

  return (
    <>
      <PageHeading ref={headingRef}>{HEADINGS[state]}</PageHeading>
      {/* Heard, not seen: the heading already shows the change; this says it aloud. */}
      <p aria-live="polite" className="visually-hidden">
        {ANNOUNCEMENTS[state]}
      </p>

      {state === 'loading' ? <Spinner label="Finding your place in the queue…" /> : null}

      {state === 'error' ? (
        <ErrorState
          title="We could not load your place in the queue"
          message={visitQuery.error?.message ?? 'Please try again.'}
          onRetry={() => void visitQuery.refetch()}
          retrying={visitQuery.isFetching}
        />
      ) : null}

      {state === 'waiting' && visit ? (
        <>
          <p className="lead">A provider will see you soon.</p>
          <p className="waited">You have waited {formatDuration(now - Date.parse(visit.start))}.</p>
          <p>Keep this page open. It updates by itself when your provider is ready.</p>
          {visitQuery.isError ? (
            <Alert tone="info">
              <p>We are having trouble checking the queue. We will keep trying.</p>
            </Alert>
          ) : null}
          {leave.isError ? (
            <Alert title="We could not take you out of the queue">
              <p>{leave.error.message}</p>
            </Alert>
          ) : null}
          <div className="actions">
            <Button variant="secondary" busy={leave.isPending} onClick={() => leave.mutate()}>
              Leave waiting room
            </Button>
          </div>
        </>
      ) : null}

      {state === 'ready' && visit ? (
        <>
          <p className="lead">
            {visit.provider ? `${visit.provider.name} is waiting for you.` : 'A provider is waiting for you.'} Press Join
            video visit to start.
          </p>
          <JoinVideoButton visitId={visit.id} />
        </>
      ) : null}

      {state === 'left' ? <p>You gave up your place in the queue. You can join again at any time.</p> : null}
      {state === 'completed' ? <p>Thank you for visiting. You can close this page.</p> : null}
      {state === 'cancelled' ? (
        <p>The clinic could not see you this time. You can join the queue again or schedule an appointment.</p>
      ) : null}
      {state === 'left' || state === 'completed' || state === 'cancelled' ? (
        <ButtonLink to={paths.start} variant="secondary">
          Back to start
        </ButtonLink>
      ) : null}
    </>
  );
}
