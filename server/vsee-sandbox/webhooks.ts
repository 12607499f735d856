/**
 * The sandbox's webhook side (reference §8; seed 003 steps 4–5): eligibility checks run as a "cron
 * job" 10 seconds (sandbox clock) after they were asked for, and their result is POSTed as
 * `eligibility.checked` to the clinic's webhook URL — in sandbox mode frontdesk's own receiver.
 *
 * Due work runs on a one-second timer while any is pending (the demo: real time passes) and at
 * once when the sandbox clock is moved on (`POST /control/clock`, `sandbox.tick()` in tests).
 */
import { randomUUID } from 'node:crypto';
import { SANDBOX } from './credentials';
import type { EligibilityCheck, Store, User } from './store';

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
  /** Whether webhooks are sent (the clinic configured a URL); off shows the polling fallback. */
  enabled: boolean;
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
