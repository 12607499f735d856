/**
 * Prometheus metrics (prom-client) and the status page's shared counters, behind one small
 * module the rest of the server calls: `metrics.booking('walkin', 'booked')`,
 * `metrics.webhook('vsee', 'accepted')`, `metrics.sseOpened()`…
 *
 * Label values are a closed vocabulary: route and endpoint *patterns*, outcome words, kinds.
 * Anything else becomes `other` (safeLabel), so an id, a name or an email can never become a
 * label value — a scrape is readable by whoever runs monitoring, not by whoever sees PHI.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StatusCounters } from './status-counters';

import type { BookingKind, BookingOutcome, FunnelStep, VendorOutcome } from '../../src/api/staff-status';

// The words are the status page's contract (src/api/staff-status.ts): one vocabulary for both.
export type { BookingKind, BookingOutcome, FunnelStep, VendorOutcome };
export type WebhookOutcome = 'accepted' | 'duplicate' | 'invalid' | 'rejected' | 'unavailable';

// A pattern, a word or an outcome: letters, digits and route punctuation, and never a run of
// four digits or more (ids, dates, phone numbers) or an @ (emails).
const LABEL = /^[A-Za-z0-9_:/*. -]{1,80}$/;
export function safeLabel(value: string): string {
  return LABEL.test(value) && !/\d{4,}/.test(value) ? value : 'other';
}

// Default process metrics (CPU, memory, event loop lag, GC) once per process: every app built in
// it (tests build many) shares them rather than starting another set of collectors.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'frontdesk_' });
  }
  return processRegistry;
}

export interface MetricsOptions {
  /** The status page's counters in the shared store; null: Prometheus only. */
  status?: StatusCounters | null;
  /** Include Node's default process metrics (on in the server; off in tests that build many apps). */
  processMetrics?: boolean;
  now?: () => number;
}

/** A waiting room that has not polled for this long no longer counts as open (frontdesk_waiting_patients). */
export const WAITING_WINDOW_MS = 30_000;
/** At most this many waiting visits are remembered per process (a flood cannot grow the map). */
const WAITING_MAX = 50_000;

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(opts: MetricsOptions = {}) {
  const registry = new Registry();
  const status = opts.status ?? null;
  const withProcess = opts.processMetrics ?? true;
  const now = opts.now ?? Date.now;

  const httpRequests = new Counter({
    name: 'frontdesk_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'frontdesk_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the response starts), by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const vendorCalls = new Counter({
    name: 'frontdesk_vendor_calls_total',
    help: 'Calls to the clinic vendor (retries included), by endpoint pattern and outcome: ok, 4xx, 5xx, timeout, ambiguous (no usable answer: dropped or garbled).',
    labelNames: ['vendor', 'endpoint', 'outcome'] as const,
    registers: [registry],
  });
  const vendorDuration = new Histogram({
    name: 'frontdesk_vendor_call_duration_seconds',
    help: 'Time of one vendor call, retries included, by endpoint pattern.',
    labelNames: ['vendor', 'endpoint'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [registry],
  });
  const bookings = new Counter({
    name: 'frontdesk_bookings_total',
    help: 'Create-visit requests by kind and outcome: booked, recovered (after a lost answer), refused, failed.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const funnel = new Counter({
    name: 'frontdesk_booking_funnel_total',
    help: 'Patients reaching each booking step: started (session), details (intake), time_chosen (create-visit request), booked.',
    labelNames: ['step'] as const,
    registers: [registry],
  });
  const replays = new Counter({
    name: 'frontdesk_idempotent_replays_total',
    help: 'Create-visit requests answered from an earlier Idempotency-Key answer (a retry, not a second visit).',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'frontdesk_rate_limited_total',
    help: 'Requests refused with 429 by the rate limits, by route pattern.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'frontdesk_webhook_deliveries_total',
    help: 'Webhook deliveries received, by source and outcome: accepted (a new delivery, acknowledged), duplicate (a redelivery: nothing done), invalid (400: not JSON or not the documented shape), rejected (404 wrong secret, 413 too large), unavailable (503: the store could not tell a repeat; the sender retries).',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const sse = new Gauge({
    name: 'frontdesk_sse_connections',
    help: 'Open server-sent-event streams in this process.',
    registers: [registry],
  });
  // Walk-in visits still waiting whose waiting room asked about them lately, by when it last did.
  const waitingSeen = new Map<string, number>();
  const pruneWaiting = () => {
    const since = now() - WAITING_WINDOW_MS;
    for (const [id, at] of waitingSeen) if (at < since) waitingSeen.delete(id);
  };
  // Set when scraped (collect), from the map above.
  new Gauge({
    name: 'frontdesk_waiting_patients',
    help: `Walk-in patients still waiting whose waiting room polled this process in the last ${WAITING_WINDOW_MS / 1000} s (it polls every few seconds while open and in view). Per process: behind a load balancer a patient whose polls reach two copies counts on both, so take the max over copies for a lower bound and the sum for an upper one.`,
    registers: [registry],
    collect() {
      pruneWaiting();
      this.set(waitingSeen.size);
    },
  });
  const queueWait = new Histogram({
    name: 'frontdesk_queue_wait_seconds',
    help: 'How long walk-in patients waited before their visit started.',
    buckets: [60, 120, 300, 600, 900, 1800, 3600, 7200],
    registers: [registry],
  });
  const storeDuration = new Histogram({
    name: 'frontdesk_store_operation_duration_seconds',
    help: 'Time of one shared-store (memory or Redis) operation, by operation.',
    labelNames: ['op'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'frontdesk_store_errors_total',
    help: 'Shared-store operations that failed, by operation.',
    labelNames: ['op'] as const,
    registers: [registry],
  });

  /** The status page's copy, in the shared store; failures there never reach the request. */
  const mirror = (f: (s: StatusCounters) => Promise<void>) => {
    if (status) void f(status).catch(() => {});
  };

  return {
    registry,
    http(route: string, method: string, status: number, seconds: number) {
      const r = safeLabel(route);
      const m = safeLabel(method);
      httpRequests.inc({ route: r, method: m, status: String(status) });
      httpDuration.observe({ route: r, method: m }, seconds);
    },
    vendor(vendor: string, endpoint: string, outcome: VendorOutcome, seconds: number) {
      const labels = { vendor: safeLabel(vendor), endpoint: safeLabel(endpoint) };
      vendorCalls.inc({ ...labels, outcome });
      vendorDuration.observe(labels, seconds);
      mirror((s) => s.vendor(outcome, seconds));
    },
    booking(kind: BookingKind, outcome: BookingOutcome) {
      bookings.inc({ kind, outcome });
      mirror((s) => s.booking(kind, outcome));
    },
    funnel(step: FunnelStep) {
      funnel.inc({ step });
      mirror((s) => s.funnel(step));
    },
    idempotentReplay(route: string) {
      replays.inc({ route: safeLabel(route) });
    },
    rateLimited(route: string) {
      rateLimited.inc({ route: safeLabel(route) });
    },
    webhook(source: string, outcome: WebhookOutcome) {
      webhooks.inc({ source: safeLabel(source), outcome });
    },
    sseOpened: () => sse.inc(),
    sseClosed: () => sse.dec(),
    /** A still-waiting walk-in's waiting room asked about it (the visit id stays in this map, never in a label). */
    waitingPolled(visitId: string) {
      if (waitingSeen.size >= WAITING_MAX && !waitingSeen.has(visitId)) pruneWaiting();
      if (waitingSeen.size < WAITING_MAX || waitingSeen.has(visitId)) waitingSeen.set(visitId, now());
    },
    /** The walk-in started, ended or left the queue: its patient waits no more. */
    waitingOver(visitId: string) {
      waitingSeen.delete(visitId);
    },
    queueWait(seconds: number) {
      queueWait.observe(seconds);
      mirror((s) => s.queueWait(seconds));
    },
    store(op: string, seconds: number, ok: boolean) {
      storeDuration.observe({ op: safeLabel(op) }, seconds);
      if (!ok) storeErrors.inc({ op: safeLabel(op) });
    },
    /** The exposition text for GET /metrics. */
    async exposition(): Promise<{ contentType: string; body: string }> {
      const merged = withProcess ? Registry.merge([processMetrics(), registry]) : registry;
      return { contentType: registry.contentType, body: await merged.metrics() };
    },
  };
}
