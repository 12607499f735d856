/**
 * Visit events from VSee's webhooks (`visit.created`, `visit.updated`, `visit.ended`, and the
 * note/invoice events), in the product's words, kept in the shared store so any copy of the proxy
 * can read them.
 *
 * The interface another feature builds on (e.g. pushing waiting-room updates over SSE):
 *
 *   record(event)        – the webhook receiver calls it once per new delivery; it stores the visit's
 *                          latest event (`vev:<visitId>`, 24 h) and then tells every listener.
 *   latest(visitId)      – the newest recorded event of a visit, from the shared store.
 *   onEvent(listener)    – in-process hook, called after each record(); returns an unsubscribe.
 *
 * Across copies behind a load balancer (an event bus, Redis PUBLISH/SUBSCRIBE: stores/redis-bus.ts):
 * record() tells this process's listeners at once and publishes the event; every other copy hears
 * it on its subscriber connection and calls its own listeners with it. A copy never depends on
 * the bus for its own events, and a lost message costs only push speed: the waiting room's page
 * falls back to polling, which reads VSee. Only what an event already holds (ids, status, times)
 * goes on the channel.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { visitStatus, type VisitStatus } from '../../../src/api/contract';
import type { EventBus } from '../stores/event-bus';
import type { KvStore } from '../stores/store';

export interface VisitEvent {
  /** VSee's delivery id (a repeat delivery carries the same one; the receiver drops repeats). */
  id: string;
  type: string;
  visitId: string;
  /** The patient's VSee user id, when VSee names one. */
  memberId: string | null;
  /** The visit's status in the patient API's words; null when VSee sent none we know. */
  status: VisitStatus | null;
  /** When VSee says the event happened (ms). */
  at: number;
  /** Which envelope carried it: "1" (`account_code`, string times) or "2" (`clinic_code`). */
  version: '1' | '2';
}

export type VisitEventListener = (event: VisitEvent) => void;

export interface VisitEvents {
  record(event: VisitEvent): Promise<void>;
  latest(visitId: string): Promise<VisitEvent | null>;
  onEvent(listener: VisitEventListener): () => void;
  /** Whether events reach this copy at all: webhooks configured (VSEE_WEBHOOK_SECRET). */
  readonly live: boolean;
}

/** What travels between copies: the event, and which copy sent it (it ignores its own). */
const busMessage = z.object({
  from: z.string().max(64),
  event: z.object({
    id: z.string().max(128),
    type: z.string().max(100),
    visitId: z.string().max(64),
    memberId: z.string().max(64).nullable(),
    status: z.nullable(visitStatus),
    at: z.number(),
    version: z.enum(['1', '2']),
  }),
});

const KEEP_MS = 24 * 60 * 60 * 1000;
const key = (visitId: string) => `vev:${visitId}`;

export interface VisitEventsOptions {
  onListenerError?: (err: unknown) => void;
  /** Other copies of the proxy (Redis pub/sub); none: this process alone. */
  bus?: EventBus | null;
  /** Whether this copy receives VSee's webhooks (so its waiting rooms can be pushed to). */
  live?: boolean;
}

export function createVisitEvents(kv: KvStore, opts: VisitEventsOptions = {}): VisitEvents {
  const { onListenerError = () => {}, bus = null } = opts;
  const listeners = new Set<VisitEventListener>();
  const self = randomUUID();

  function tell(event: VisitEvent) {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        onListenerError(err);
      }
    }
  }

  bus?.subscribe((raw) => {
    let parsed;
    try {
      parsed = busMessage.safeParse(JSON.parse(raw));
    } catch {
      return;
    }
    if (parsed.success && parsed.data.from !== self) tell(parsed.data.event);
  });

  async function latest(visitId: string): Promise<VisitEvent | null> {
    const raw = await kv.get(key(visitId));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as VisitEvent;
    } catch {
      return null;
    }
  }

  return {
    async record(event) {
      // Webhooks may arrive out of order: an older event never replaces a newer one.
      const prev = await latest(event.visitId);
      if (!prev || prev.at <= event.at) await kv.set(key(event.visitId), JSON.stringify(event), KEEP_MS);
      tell(event);
      // Best effort: the event is stored and this copy told; other copies fall back to polling.
      void bus?.publish(JSON.stringify({ from: self, event })).catch((err: unknown) => onListenerError(err));
    },
    latest,
    live: opts.live ?? false,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
