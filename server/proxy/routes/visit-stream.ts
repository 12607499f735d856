/**
 * `GET /api/visits/:id/events`: the waiting room's visit, pushed (Server-Sent Events, Hono's
 * streamSSE). Same session and ownership checks as `GET /api/visits/:id` — they run before the
 * stream opens, so a stranger gets the same 401/404 as there. Then:
 *
 *   event: visit   the visit view now (first), and again each time VSee tells us it changed
 *                  (a webhook, on any copy: visit-events.ts) — read afresh, shared with the tabs
 *                  and streams of the same patient (read-cache.ts);
 *   ": hb"         a comment every SSE_HEARTBEAT_SECONDS (15 s) while nothing changes, so proxies
 *                  in between and the browser see a live line (and the patient still counts as waiting);
 *
 * and it ends when the visit has ended (completed, cancelled), after SSE_MAX_SECONDS (the page's
 * EventSource reconnects, which also re-checks the session), when the session was signed out or
 * revoked (checked before each change is sent), on drain, or when the page goes away.
 * Without webhooks (no VSEE_WEBHOOK_SECRET) nothing would ever be pushed: 204, and the page polls.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Visit } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import type { VisitEvent, VisitEvents } from '../webhooks/visit-events';

/** How soon the browser reconnects after the stream ends (SSE `retry`). */
export const RECONNECT_MS = 3_000;

export interface StreamHooks {
  opened(): void;
  closed(): void;
  /** The stream is still open on this visit as it now is (after each send and heartbeat): waiting-room counts. */
  alive?(visit: Visit): void;
  /**
   * Calls `end` when the process drains (SIGTERM; at once if it already is): streams end, pages
   * reconnect to another copy. Returns an unsubscribe.
   */
  onDrain?(end: () => void): () => void;
}

const ended = (v: Visit) => v.status === 'completed' || v.status === 'cancelled';

export function visitStreamRoutes(deps: ProxyDeps, events: VisitEvents | null, hooks: StreamHooks) {
  const app = new Hono<ProxyEnv>();
  // One listener for the process; each open stream waits on its own visit's id.
  const watching = new Map<string, Set<(e: VisitEvent) => void>>();
  events?.onEvent((e) => watching.get(e.visitId)?.forEach((wake) => wake(e)));

  app.get('/visits/:id/events', async (c) => {
    // No webhooks, or a clinic that cannot say how a visit goes on: nothing to push (the page polls).
    if (!events?.live || !deps.backend.capabilities.visitStatus) return c.body(null, 204);
    const patient = c.var.patient;
    const id = c.req.param('id');
    let wake: () => void = () => {};
    let changed = false;
    let done = false;
    const onEvent = () => {
      changed = true;
      wake();
    };
    // Listening before the first read: an event that lands between that read and the stream's
    // start is not lost (the loop reads again at once).
    let mine = watching.get(id);
    if (!mine) watching.set(id, (mine = new Set()));
    mine.add(onEvent);
    const unwatch = () => {
      mine.delete(onEvent);
      if (!mine.size) watching.delete(id);
    };
    let last: Visit;
    try {
      // Before the stream: not yours, not found → the same problem answer as GET /visits/:id.
      last = await patient.backend.visit(id);
    } catch (err) {
      unwatch();
      throw err;
    }

    return streamSSE(c, async (stream) => {
      hooks.opened();
      const stop = () => {
        done = true;
        wake();
      };
      stream.onAbort(stop);
      const undrain = hooks.onDrain?.(stop);
      const lifetime = setTimeout(stop, deps.config.sseMaxMs);
      const send = async (v: Visit) => {
        await stream.writeSSE({ event: 'visit', data: JSON.stringify(v), retry: RECONNECT_MS });
        hooks.alive?.(v);
      };
      try {
        await send(last);
        while (!done && !ended(last)) {
          if (!changed) {
            await new Promise<void>((r) => {
              const t = setTimeout(r, deps.config.sseHeartbeatMs);
              wake = () => {
                clearTimeout(t);
                r();
              };
            });
          }
          if (done) break;
          if (!changed) {
            await stream.write(': hb\n\n');
            hooks.alive?.(last);
            continue;
          }
          changed = false;
          // Signed out (or revoked) since the stream opened: it tells this browser nothing more.
          const still = await deps.sessions.read(c).catch(() => null);
          if (still?.sid !== patient.session.sid) break;
          // The webhook already made every copy forget its cached read of this visit.
          const now = await patient.backend.visit(id);
          if (JSON.stringify(now) !== JSON.stringify(last)) await send(now);
          last = now;
        }
      } catch (err) {
        // VSee unreachable mid-stream: end it; the page polls until its EventSource is back.
        deps.log.warn({ event: 'visit_stream_failed', visit: id, err: { name: (err as Error).name } });
      } finally {
        clearTimeout(lifetime);
        undrain?.();
        unwatch();
        hooks.closed();
      }
    });
  });

  return app;
}
