/**
 * The sandbox's webhook side (reference §8; seed 003 steps 4–5): eligibility checks run as a "cron
 * job" 10 seconds (sandbox clock) after they were asked for, and their result is POSTed as
 * `eligibility.checked` to the clinic's webhook URL — in sandbox mode frontdesk's own receiver.
 *
 * Visit webhooks (reference §8.3's trigger table): `visit.created` when a visit is booked, a
 * walk-in joins or an e-consult is sent; `visit.updated` when its status turns to in progress;
 * `visit.ended` when it is completed, cancelled or the patient leaves. Sent after the change's own
 * answer, in the envelope the clinic chose (v1 by default, v2 "beta"; decision 044).
 *
 * Due work runs on a one-second timer while any is pending (the demo: real time passes) and at
 * once when the sandbox clock is moved on (`POST /control/clock`, `sandbox.tick()` in tests).
 */
import { randomUUID } from 'node:crypto';
import { VISIT_STATUS } from '../vsee/codes';
import { SANDBOX } from './credentials';
import type { EligibilityCheck, Store, User, Visit } from './store';

/** Where VSee's admin panel would send webhooks; the sandbox delivers in process. */
export interface WebhookTarget {
  url: string;
  fetch: (request: Request) => Promise<Response>;
}

export interface Delivery {
  id: string;
  type: string;
  /** HTTP status of the receiver's answer; 0 when it could not be reached. */
  status: number;
  at: number;
}

/** Over HTTP, as VSee does: a standalone sandbox process posting to frontdesk's receiver. */
export function httpWebhookTarget(url: string): WebhookTarget {
  return { url, fetch: (request) => fetch(request, { signal: AbortSignal.timeout(5000) }) };
}

export type VisitEventType = 'visit.created' | 'visit.updated' | 'visit.ended';
/** Which envelope the sandbox sends (reference §8.1 v1 "currently active", §8.2 v2 "beta"). */
export type WebhookVersion = '1' | '2';

const STATUS_WORD = new Map<number, string>(Object.entries(VISIT_STATUS).map(([w, code]) => [code, w]));
const str = (n: number | null) => (n === null ? null : String(n));

/** One visit event, field for field as reference §8.1 (v1) or §8.2 (v2) shows it. */
export function visitEvent(type: VisitEventType, v: Visit, created: number, version: WebhookVersion): Record<string, unknown> {
  if (version === '2') {
    return {
      version: '2.0',
      id: randomUUID(),
      type,
      created,
      clinic_code: SANDBOX.accountCode,
      data: {
        id: v.id,
        member_id: v.memberId,
        provider_id: v.providerId,
        start: v.start,
        end: v.end,
        actual_start: v.actualStart,
        actual_end: v.actualEnd,
        // Documented words: "cancelled", "completed"; the others are ours (decision 044).
        status: STATUS_WORD.get(v.status) ?? String(v.status),
        status_updated_by: v.completedBy,
      },
    };
  }
  return {
    version: '1.0',
    id: randomUUID(),
    type,
    created,
    account_code: SANDBOX.accountCode,
    data: {
      id: v.id,
      member_id: v.memberId,
      provider_id: v.providerId,
      start: String(v.start),
      end: String(v.end),
      actual_start: str(v.actualStart),
      actual_end: str(v.actualEnd),
      status: String(v.status),
      completed_by: v.completedBy,
    },
  };
}

/** Seconds between asking for a check and its result (seed 003: "will run after 10 seconds"). */
export const ELIGIBILITY_DELAY_SECONDS = 10;

/** The clearinghouse words the sandbox answers with; the member ID's last digit picks one. */
export const ELIGIBILITY_OUTCOMES = {
  active: { response: 'Active Coverage', status: 'active' },
  inactive: { response: 'Inactive', status: 'inactive' },
  noResponse: { response: 'No response received by clearinghouse', status: 'unknown' },
} as const;

/**
 * The demo rule (README): a member ID ending in 2 is not active, one ending in 3 gets seed 003's
 * "No response received by clearinghouse", anything else is active.
 */
export function outcomeFor(memberId: string | null): (typeof ELIGIBILITY_OUTCOMES)[keyof typeof ELIGIBILITY_OUTCOMES] {
  const last = (memberId ?? '').trim().slice(-1);
  if (last === '2') return ELIGIBILITY_OUTCOMES.inactive;
  if (last === '3') return ELIGIBILITY_OUTCOMES.noResponse;
  return ELIGIBILITY_OUTCOMES.active;
}

export interface Outbox {
  /** Runs every due check and delivers its webhook; resolves when the deliveries are answered. */
  tick(): Promise<void>;
  /** Starts the timer if work is pending. */
  wake(): void;
  /**
   * A visit changed: its webhook goes out after the current answer (a snapshot taken now, so a
   * later change does not rewrite it). Deliveries leave in the order the changes happened.
   */
  visitChanged(type: VisitEventType, visit: Visit): void;
  /** Resolves when every delivery queued so far has been answered (tests, benchmarks). */
  flush(): Promise<void>;
  /** Whether webhooks are sent (the clinic configured a URL); off shows the polling fallback. */
  enabled: boolean;
  /** The envelope visit events go out in (default "1"). */
  version: WebhookVersion;
  readonly configured: boolean;
  deliveries: Delivery[];
  stop(): void;
}

const MAX_DELIVERIES_KEPT = 50;

export function createOutbox(opts: { store: Store; now: () => number; target: WebhookTarget | null }): Outbox {
  const { store, now, target } = opts;
  let timer: ReturnType<typeof setInterval> | null = null;
  let chain: Promise<void> = Promise.resolve();
  const pending = () => [...store.eligibility.values()].some((c) => c.response === null);

  function run(check: EligibilityCheck): Record<string, unknown> {
    const user: User | undefined = store.users.get(check.userId);
    const card = check.order === 'primary' ? user?.insurance?.primary : user?.insurance?.secondary;
    const outcome = outcomeFor(card?.subscriberNum ?? null);
    check.response = outcome.response;
    check.status = outcome.status;
    // Seed 003 step 5, field for field (no `version`: the sample has none).
    return {
      id: randomUUID(),
      type: 'eligibility.checked',
      created: now(),
      account_code: SANDBOX.accountCode,
      data: {
        eligibility_id: check.id,
        member_id: check.userId,
        eligibility_response: outcome.response,
        // The clearinghouse's own patient number (seed: "5991794"); the sandbox derives one.
        external_member_id: String(5_000_000 + Number(check.userId)),
      },
    };
  }

  async function deliver(event: Record<string, unknown>): Promise<void> {
    if (!target || !outbox.enabled) return;
    let status = 0;
    try {
      const res = await target.fetch(
        new Request(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }),
      );
      status = res.status;
      await res.body?.cancel().catch(() => {});
    } catch {
      status = 0; // VSee's retry policy is undocumented: the sandbox tries once
    }
    outbox.deliveries.push({ id: String(event.id), type: String(event.type), status, at: now() });
    if (outbox.deliveries.length > MAX_DELIVERIES_KEPT) outbox.deliveries.shift();
  }

  async function runDue(): Promise<void> {
    const due = [...store.eligibility.values()].filter((c) => c.response === null && c.due <= now());
    const events = due.map(run);
    await Promise.all(events.map(deliver));
    if (!pending() && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  const outbox: Outbox = {
    enabled: target !== null,
    version: '1',
    visitChanged(type, visit) {
      if (!target || !outbox.enabled) return;
      const event = visitEvent(type, visit, now(), outbox.version);
      // After this turn of the event loop: the change's own answer goes out first, as at VSee.
      const next = chain.then(() => new Promise<void>((r) => setImmediate(r))).then(() => deliver(event));
      chain = next.catch(() => {});
    },
    flush: () => chain,
    get configured() {
      return target !== null;
    },
    deliveries: [],
    tick() {
      // One pass at a time: a check must never be run (and delivered) twice.
      const next = chain.then(runDue);
      chain = next.catch(() => {});
      return next;
    },
    wake() {
      if (timer || !pending()) return;
      timer = setInterval(() => void outbox.tick(), 1000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return outbox;
}
