/**
 * What an operator's load balancer and monitoring talk to: /healthz, /readyz, /metrics, and the
 * middleware that gives every request its id and counts it. Mounted first by server/app.ts, on
 * the top app, so none of it is rate limited or behind the patient API's guards.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { z } from 'zod';
import { visit as visitSchema, type Visit } from '../../src/api/contract';
import { ensureAnswerHeader, presetAnswerHeader } from '../answer-header';
import type { KvStore } from '../proxy/stores/store';
import type { VseeClient } from '../vsee/client';
import type { VendorWatch } from './instrument';
import type { BookingKind, Metrics } from './metrics';
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequest, type RequestContext } from './request-context';
import type { Tracing } from './tracing';

/** The store must answer a readiness read within this. */
export const READY_STORE_MS = 250;
/** A vendor answer this recent counts as "the vendor is up" without calling it again. */
export const VENDOR_FRESH_MS = 30_000;
/** Otherwise a cheap call (the room's public settings) must answer within this. */
export const READY_VENDOR_MS = 1000;

const BOOKING_ROUTES: Record<string, BookingKind> = {
  '/api/appointments': 'appointment',
  '/api/walkins': 'walkin',
  '/api/econsults': 'econsult',
};
const SESSION_ROUTES = new Set(['/api/session/guest', '/api/session/launch']);
/** How long a walk-in's join time and "its wait was counted" mark are kept in the store. */
const STATS_KEEP_MS = 24 * 60 * 60 * 1000;
const walkinKey = (visitId: string) => `stats:walkin:${visitId}`;

export interface OpsOptions {
  metrics: Metrics;
  kv: KvStore;
  vsee: VseeClient & VendorWatch;
  /** The room whose public settings are the vendor's cheap readiness call. */
  roomCode: string;
  /**
   * The clinic backend's own readiness call when it is not VSee (CLINIC_BACKEND=dexcare: the
   * practice). Absent: VSee's room.
   */
  vendorProbe?: () => Promise<unknown>;
  clientDir: string;
  /** Bearer token for GET /metrics on the main port; null: /metrics is not served there. */
  metricsToken: string | null;
  /** OpenTelemetry (server/ops/otel.ts) when OTEL_EXPORTER_OTLP_ENDPOINT is set; null: off. */
  tracing?: Tracing | null;
  now?: () => number;
}

/** Constant-time comparison of a presented bearer token with the configured one. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1]!).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** GET /metrics alone, for METRICS_PORT; with METRICS_TOKEN set it wants the token there too. */
export function metricsApp(metrics: Metrics, token: string | null) {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (token && !bearerMatches(c.req.header('Authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text('A bearer token is required.', 401);
    }
    const { contentType, body } = await metrics.exposition();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
  return app;
}

/** The route *pattern* a request matched (never its path: paths carry ids). */
export function routeLabel(c: Context): string {
  const pattern = routePath(c);
  if (!pattern.includes('*')) return pattern;
  const p = c.req.path;
  if (p.startsWith('/api/')) return '/api/*'; // no such API call
  if (p.startsWith('/assets/')) return '/assets/*';
  if (p.startsWith('/sandbox/')) return '/sandbox/*';
  return '/*'; // the SPA's pages and static files
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref())]);

export function createOps(opts: OpsOptions) {
  const { metrics, kv, vsee } = opts;
  const now = opts.now ?? Date.now;
  let draining = false;
  let probe: Promise<boolean> | null = null;

  /** Request id, trace span, response header and HTTP metrics; what routes noted becomes booking metrics. */
  const middleware: MiddlewareHandler = async (c, next) => {
    const span = opts.tracing?.startRequest(c.req.method, c.req.raw.headers);
    // A continued trace names the request: one id in the logs, the trace and the patient's reference.
    const ctx: RequestContext = { id: span?.continuedTraceId ?? requestIdFrom(c.req.raw.headers), notes: new Set(), ...(span ? { span } : {}) };
    const t0 = performance.now();
    presetAnswerHeader(c, REQUEST_ID_HEADER, ctx.id);
    await runWithRequest(ctx, () => next());
    ensureAnswerHeader(c, REQUEST_ID_HEADER, ctx.id);
    const route = routeLabel(c);
    const status = c.res.status;
    span?.end(route, status);
    metrics.http(route, c.req.method, status, (performance.now() - t0) / 1000);
    if (status === 429) metrics.rateLimited(route);
    if (c.req.method === 'POST') countBooking(route, status, ctx);
    if (status === 200 && c.req.method === 'GET' && route === '/api/visits/:id' && ctx.visit) await observePoll(ctx.visit);
    if (status === 201 && c.req.method === 'POST' && route === '/api/walkins') await rememberWalkin(c);
  };

  function countBooking(route: string, status: number, ctx: RequestContext) {
    const ok = status >= 200 && status < 300;
    if (SESSION_ROUTES.has(route) && ok) metrics.funnel('started');
    if (route === '/api/intakes' && ok) metrics.funnel('details');
    if (ctx.notes.has('replay')) return metrics.idempotentReplay(route);
    const kind = BOOKING_ROUTES[route];
    if (!kind) return;
    metrics.funnel('time_chosen');
    if (ok) {
      metrics.funnel('booked');
      metrics.booking(kind, ctx.notes.has('recovered') ? 'recovered' : 'booked');
    } else {
      metrics.booking(kind, status >= 500 ? 'failed' : 'refused');
    }
  }

  /** The visit a response carries (the answer may be compressed by now: apiCompression runs inside this middleware). */
  async function visitIn(c: Context) {
    const copy = c.res.clone();
    const encoding = copy.headers.get('Content-Encoding');
    const body = encoding === 'gzip' || encoding === 'deflate' ? copy.body!.pipeThrough(new DecompressionStream(encoding)) : copy.body;
    const v = visitSchema.safeParse(await new Response(body).json());
    return v.success ? v.data : null;
  }

  /** A walk-in the proxy booked: when its patient joined the queue, for the wait once it starts (any copy may see that). */
  async function rememberWalkin(c: Context) {
    try {
      const v = await visitIn(c);
      if (!v || v.kind !== 'walkin') return;
      metrics.waitingPolled(v.id); // first, so a store that fails cannot hide a waiting patient
      await kv.set(walkinKey(v.id), v.start, STATS_KEEP_MS);
    } catch {
      // Counting must never hurt the answer.
    }
  }

  /** A waiting room's poll: still waiting (frontdesk_waiting_patients), or started (its wait). */
  async function observePoll(v: Visit) {
    try {
      if (v.kind !== 'walkin') return;
      if (v.status === 'pending' || v.status === 'confirmed') return metrics.waitingPolled(v.id);
      metrics.waitingOver(v.id);
      if (v.status === 'in_progress') await observeWait(v.id, Date.parse(v.start), now());
    } catch {
      // Counting must never hurt the answer.
    }
  }

  /** A walk-in seen started for the first time, by a poll or a webhook, on any copy: how long its patient waited. */
  async function observeWait(visitId: string, joinedAt: number, startedAt: number) {
    const waited = (startedAt - joinedAt) / 1000;
    if (!(waited >= 0) || !(await kv.setIfAbsent(`stats:waited:${visitId}`, '1', STATS_KEEP_MS))) return;
    metrics.queueWait(waited);
  }

  /**
   * VSee's visit webhooks (visit.updated …): a walk-in this proxy booked, now in progress, has
   * stopped waiting — often before its waiting room's next poll says so.
   */
  async function visitEvent(e: { visitId: string; status: string | null; at: number }) {
    if (e.status === null || e.status === 'pending' || e.status === 'confirmed') return;
    metrics.waitingOver(e.visitId);
    if (e.status !== 'in_progress') return;
    try {
      const joined = await kv.get(walkinKey(e.visitId));
      if (joined) await observeWait(e.visitId, Date.parse(joined), e.at);
    } catch {
      // Counting must never hurt the webhook.
    }
  }

  async function storeReady(): Promise<boolean> {
    if (!kv.ready()) return false; // disconnected: no need to wait for a read to fail
    try {
      await within(READY_STORE_MS, kv.get('ops:ready'));
      return true;
    } catch {
      return false;
    }
  }

  /** When the other backend's probe last succeeded (VSee's client keeps its own). */
  let probedAt = 0;

  async function vendorReady(): Promise<boolean> {
    const lastAnswer = opts.vendorProbe ? probedAt : vsee.lastAnswerAt();
    if (lastAnswer > 0 && now() - lastAnswer < VENDOR_FRESH_MS) return true;
    const call = opts.vendorProbe ?? (() => vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(opts.roomCode)}`, schema: z.unknown() }));
    // One probe at a time, however many probes the load balancer sends meanwhile.
    probe ??= within(READY_VENDOR_MS, call())
      .then(
        () => {
          probedAt = now();
          return true;
        },
        () => false,
      )
      .finally(() => (probe = null));
    return probe;
  }

  // No '*' middleware here: mounted at '/', it would run for every page of the app.
  const routes = new Hono();
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store');
  // Alive: the event loop turns. Nothing else, so a stalled dependency never gets us restarted.
  routes.get('/healthz', (c) => {
    noStore(c);
    return c.json({ status: 'ok' });
  });
  routes.get('/readyz', async (c) => {
    noStore(c);
    const [store, vendor] = await Promise.all([storeReady(), vendorReady()]);
    const app = existsSync(path.join(opts.clientDir, 'index.html'));
    const ready = store && vendor && app && !draining;
    return c.json(
      { ready, checks: { store: store ? 'ok' : 'failing', vendor: vendor ? 'ok' : 'failing', app: app ? 'ok' : 'not built', draining } },
      ready ? 200 : 503,
    );
  });
  routes.get('/metrics', async (c) => {
    noStore(c);
    if (!opts.metricsToken) return c.notFound();
    if (!bearerMatches(c.req.header('Authorization'), opts.metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text('A bearer token is required.', 401);
    }
    const { contentType, body } = await metrics.exposition();
    return c.body(body, 200, { 'Content-Type': contentType });
  });

  return {
    middleware,
    routes,
    visitEvent,
    /** From SIGTERM on, /readyz answers 503 so the load balancer stops sending new patients. */
    startDraining: () => void (draining = true),
    isDraining: () => draining,
  };
}
