/**
 * A waiting patient's visit, pushed when the proxy can, polled when it cannot.
 *
 * The proxy's `GET /api/visits/:id/events` (Server-Sent Events, same origin: the session cookie
 * goes with it) sends the visit first and again whenever the clinic reports a change. While that
 * stream is healthy — it has delivered the visit since its last error — the page does not poll.
 * When it errors (the proxy has no webhooks and answers 204, a copy went away, the network
 * dropped) the page polls every `pollMs` as before, and tries the stream again after a pause that
 * grows from 5 s to a minute. Pushed visits go into React Query's cache under the visit's key, so
 * everything reading `visitQueries.detail(id)` sees them.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { visit, type Visit } from '../contract';
import { isWaiting } from '../visit-rules';
import { visitQueries } from './visits';

const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export const visitEventsPath = (id: string) => `/api/visits/${encodeURIComponent(id)}/events`;

function parseVisit(data: unknown): Visit | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = visit.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The visit while the patient waits for it: pushed over SSE, or polled every `pollMs`. */
export function useLiveVisit(id: string, pollMs: number) {
  const queryClient = useQueryClient();
  const [pushed, setPushed] = useState(false);
  const query = useQuery({
    ...visitQueries.detail(id),
    refetchInterval: (q) => (!pushed && q.state.data && isWaiting(q.state.data) ? pollMs : false),
  });
  const waiting = query.data !== undefined && isWaiting(query.data);

  useEffect(() => {
    // Nothing to wait for, or a browser without EventSource: polling (or nothing) it is.
    if (!waiting || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause = RETRY_FIRST_MS;
    const open = () => {
      const es = new EventSource(visitEventsPath(id));
      source = es;
      es.addEventListener('visit', (e) => {
        const v = parseVisit((e as MessageEvent).data);
        if (!v || v.id !== id) return;
        queryClient.setQueryData(visitQueries.detail(id).queryKey, v);
        pause = RETRY_FIRST_MS;
        setPushed(true);
        // Over: the proxy ends the stream; do not let the browser open it again.
        if (!isWaiting(v)) es.close();
      });
      es.onerror = () => {
        setPushed(false);
        // CONNECTING: the browser reconnects by itself (the proxy's `retry`); CLOSED: it gave up
        // (an error status, or 204 "no stream here") — we try again later, polling meanwhile.
        if (es.readyState === EventSource.CLOSED) {
          retry = setTimeout(open, pause);
          pause = Math.min(pause * 2, RETRY_MAX_MS);
        }
      };
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
      setPushed(false);
    };
  }, [id, waiting, queryClient]);

  return query;
}
