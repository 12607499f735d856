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
 * Listeners hear only events recorded by *this* process. To fan out across copies behind a load
 * balancer, add a publish in record() and a subscribe that calls the same listeners (Redis
 * PUBLISH/SUBSCRIBE on one channel, or polling latest()); callers of record()/onEvent() need not
 * change.
 */
import type { VisitStatus } from '../../../src/api/contract';
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
}

const KEEP_MS = 24 * 60 * 60 * 1000;
const key = (visitId: string) => `vev:${visitId}`;

export function createVisitEvents(kv: KvStore, onListenerError: (err: unknown) => void = () => {}): VisitEvents {
  const listeners = new Set<VisitEventListener>();

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
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    latest,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
