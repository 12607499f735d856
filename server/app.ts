/**
 * The one process: the built SPA, the patient API under /api and, when no real VSee is
 * configured, the VSee sandbox under /sandbox (the proxy reaches it in-process).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ensureAnswerHeader, presetAnswerHeader } from './answer-header';
import type { Config } from './config';
import { instrumentStore, instrumentVsee } from './ops/instrument';
import { createMetrics } from './ops/metrics';
import { createOps } from './ops/ops';
import { currentRequest, REQUEST_ID_HEADER } from './ops/request-context';
import type { HeaderSetter, Tracing } from './ops/tracing';
import { createStatusCounters } from './ops/status-counters';
import { statusRoute } from './ops/status-route';
import { createProxy } from './proxy';
import type { Logger } from './proxy/logger';
import { Problem, problemResponse } from './proxy/problem';
import { createProviderSessionStore } from './proxy/provider-session';
import { adminRoutes } from './proxy/routes/admin';
import { boundedStore } from './proxy/stores/bounded';
import { createMemoryStore } from './proxy/stores/memory';
import type { EventBus } from './proxy/stores/event-bus';
import type { KvStore } from './proxy/stores/store';
import { createWebhookReceiver, type WebhookReceiver } from './proxy/webhooks/receiver';
import { createVisitEvents } from './proxy/webhooks/visit-events';
import { apiCompression, staticFiles } from './static-files';
import { createVseeClient, type FetchLike } from './vsee/client';
import { sendOverHttp } from './vsee/http';
import { createSandbox } from './vsee-sandbox';
import { httpWebhookTarget } from './vsee-sandbox/webhooks';
import { createDexcareSandbox } from './dexcare-sandbox';
import { sandboxGuestPatients } from './dexcare-sandbox/guest-patients';
import { createDexcareBackend } from './dexcare/backend';
import { createDexcareClient, type FetchLike as DexcareFetch } from './dexcare/client';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface AppOptions {
  config: Config;
  log: Logger;
  now?: () => number;
  /** Where the SPA's built files are; tests of the API alone may point it at nothing. */
  clientDir?: string;
  /** The shared store (Redis when REDIS_URL is set; see main.ts). Default: in memory. */
  kv?: KvStore;
  /** OpenTelemetry traces (server/ops/otel.ts, loaded by main.ts only when configured). Default: off. */
  tracing?: Tracing | null;
  /** Messages between copies (Redis pub/sub when REDIS_URL is set). Default: this process alone. */
  bus?: EventBus | null;
}

export function createApp(opts: AppOptions) {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const app = new Hono();
  // In sandbox mode VSee's "admin panel" points its webhooks at our own receiver, in process —
  // or, with SANDBOX_WEBHOOK_URL, at another copy over HTTP (behind a load balancer).
  const webhookTarget = !config.sandbox
    ? null
    : config.sandboxWebhookUrl
      ? httpWebhookTarget(config.sandboxWebhookUrl)
      : config.webhookSecret
        ? { url: `${config.publicUrl}/webhooks/vsee/${config.webhookSecret}`, fetch: async (req: Request) => app.fetch(req) }
        : null;
  const sandbox = config.sandbox
    ? createSandbox({ basePath: '/sandbox', now, publicOrigin: config.publicUrl, faults: config.sandboxFaults, webhook: webhookTarget })
    : null;
  // DexCare's sandbox lives beside VSee's, only in sandbox mode and only when no real DexCare is set.
  const dexcareSandbox =
    config.sandbox && config.dexcare.sandbox ? createDexcareSandbox({ basePath: '/sandbox/dexcare', now, publicOrigin: config.publicUrl }) : null;
  const clientDir = opts.clientDir ?? CLIENT_DIR;
  // Measured where they are built, so the store, the VSee client and the routes stay unaware of metrics.
  const rawKv = opts.kv ?? createMemoryStore(now);
  // The status page's counters write beside the request, not in it: not measured as its store calls.
  const counters = createStatusCounters(rawKv, now);
  const metrics = createMetrics({ status: counters, now });
  // One shared store for the API and the webhook receiver (coverage results, visit events).
  const kv = instrumentStore(rawKv, metrics);
  // Bounded like the API's own store calls (REDIS_TIMEOUT_MS): a stalled Redis never holds an
  // answer longer than that (the ops middleware's counters, staff sessions, webhooks).
  const storeBounded = boundedStore(kv, config.storeTimeoutMs);
  let vseeFetch: FetchLike = (req) => fetch(req);
  // The request id goes to VSee too, so a call can be found in the vendor's logs; with tracing
  // on, so does the call's traceparent.
  const stamp = (headers: HeaderSetter) => {
    const request = currentRequest();
    if (request) headers.set(REQUEST_ID_HEADER, request.id);
    request?.vendorSpan?.inject(headers);
  };
  // A VSee over HTTP gets its calls on a keep-alive pool (server/vsee/http.ts); the in-process
  // sandbox gets them as Requests (vseeFetch below).
  const overHttp = config.sandbox ? null : sendOverHttp();
  const vsee = instrumentVsee(
    createVseeClient({
      ...config.vsee,
      fetch: (req) => {
        stamp(req.headers);
        return vseeFetch(req);
      },
      ...(overHttp
        ? {
            send: (r) => {
              stamp({ set: (name: string, value: string) => (r.headers[name.toLowerCase()] = value) });
              return overHttp(r);
            },
          }
        : {}),
    }),
    metrics,
    now,
  );
  // CLINIC_BACKEND=dexcare: DexCare's client, in-process to its sandbox when no real DexCare is set.
  const dexcareFetch: DexcareFetch = dexcareSandbox ? (req) => dexcareSandbox.fetch(req) : (req) => fetch(req);
  const dexcareClient = config.clinicBackend === 'dexcare' ? createDexcareClient({ ...config.dexcare, fetch: dexcareFetch }) : null;
  // Ready means the chosen vendor answers: DexCare's practice call, else VSee's room.
  const vendorProbe = dexcareClient ? () => dexcareClient.practice(config.dexcare.practiceId) : undefined;
  const ops = createOps({ metrics, kv: storeBounded, vsee, roomCode: config.vsee.roomCode, vendorProbe, clientDir, metricsToken: config.metrics.port === null ? config.metrics.token : null, tracing: opts.tracing ?? null, now });
  mountFrontStack(app, ops, config);

  if (dexcareSandbox) app.route('/sandbox/dexcare', dexcareSandbox.app);

  if (sandbox) {
    // In-process: the request never leaves this process, so no network and no port needed.
    // In-process: API calls go to the sandbox's /api_v3 routes (config.vsee.apiBase in sandbox
    // mode); links it hands out (summary PDFs) point at its public mount, /sandbox/…
    vseeFetch = async (req) => {
      const u = new URL(req.url);
      return u.origin === config.publicUrl ? app.fetch(req) : sandbox.fetch(req);
    };
    app.route('/sandbox', sandbox.app);
  }

  // Before the patient API: staff calls do not go through its patient guards.
  // …for a provider signed in by their health system (the staff cookie) or the admin token. The
  // page's 30 s refresh only reads the session: it does not keep an idle provider signed in.
  const staffSessions = createProviderSessionStore(config.sessionSecrets, storeBounded, now);
  app.route(
    '/api/staff/status',
    statusRoute({ counters, adminApiToken: config.adminApiToken, isStaff: async (c) => (await staffSessions.read(c)) !== null }),
  );
  app.use('/api/*', ...apiCompression());
  // Before the patient API: the health system's server calls it with a bearer token, and none of
  // the patient API's cookie, CSRF or CORS handling may apply to it.
  app.route('/api/admin', adminRoutes({ config, vsee, log, kv }));
  // Open event streams, told to end when the process drains.
  const drainers = new Set<() => void>();
  let drainingStreams = false;
  const onDrain = (end: () => void) => {
    if (drainingStreams) end();
    drainers.add(end);
    return () => void drainers.delete(end);
  };
  const backend =
    dexcareClient
      ? ({ kv: store }: { kv: KvStore }) =>
          createDexcareBackend({
            config: config.dexcare,
            client: dexcareClient,
            kv: store,
            log,
            now,
            guestPatients: dexcareSandbox ? sandboxGuestPatients(config.dexcare.apiBase, dexcareFetch) : null,
          })
      : undefined; // VSee, over the client above (createProxy's default)
  // Bounded: a stuck Redis answers VSee with 503.
  const webhookKv = storeBounded;
  // Webhooks reach one copy; the bus tells the others (their waiting rooms and read caches).
  const visitEvents = createVisitEvents(webhookKv, {
    bus: opts.bus ?? null,
    live: config.webhookSecret !== null,
    onListenerError: (err) => log.error({ err: { name: (err as Error).name } }, 'visit event listener failed'),
  });
  visitEvents.onEvent((event) => void ops.visitEvent(event));
  app.route(
    '/api',
    createProxy({
      config,
      vsee,
      log,
      now,
      kv,
      backend,
      visitEvents,
      streams: {
        opened: metrics.sseOpened,
        closed: metrics.sseClosed,
        onDrain,
        // A waiting room on the stream polls no more: its heartbeats keep frontdesk_waiting_patients true.
        alive: (v) => (v.kind === 'walkin' && (v.status === 'pending' || v.status === 'confirmed') ? metrics.waitingPolled(v.id) : metrics.waitingOver(v.id)),
      },
    }),
  );
  // No secret, no route: without it anyone could post results.
  let webhooks: WebhookReceiver | null = null;
  if (config.webhookSecret) {
    webhooks = createWebhookReceiver({ config, kv: webhookKv, log, visitEvents, now, metrics });
    app.route('/webhooks/vsee', webhooks.app);
  }
  // Hono uses only the top app's notFound: an unknown API path (or one that normalises to /api/,
  // like /api/visits/..) gets the contract's 404 here, never the SPA or a plain-text page.
  app.all('/api/*', (c) => {
    c.header('Cache-Control', 'no-store');
    return problemResponse(c, new Problem(404, 'not_found', 'There is no such API call.'));
  });

  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // The page itself is revalidated on every load, so a new build's hashed assets are picked up.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.get('Content-Type')?.startsWith('text/html') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  if (existsSync(clientDir)) app.use('*', staticFiles(clientDir));
  // Any other page path is the SPA's: index.html, compressed like every static file.
  let indexPage: MiddlewareHandler | null = null;
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/sandbox/')) return c.notFound();
    if (!existsSync(path.join(clientDir, 'index.html'))) return c.text('The app is not built yet: run `npm run build`.', 503);
    indexPage ??= staticFiles(clientDir, { path: 'index.html' });
    return indexPage(c, next);
  });

  /** On drain: open event streams end (their pages reconnect, to a copy that is staying). */
  const endStreams = () => {
    drainingStreams = true;
    for (const end of drainers) end();
  };
  return { app, sandbox, dexcareSandbox, ops, metrics, webhooks, visitEvents, kv, endStreams };
}

/**
 * What every answer passes before any route: the ops middleware (request id, metrics) and its
 * routes, secure headers, and the Cross-Origin-Resource-Policy. Apart from createApp so the
 * bench's measuring stick (scripts/hono-passthrough.ts) runs the very same stack.
 */
export function mountFrontStack(app: Hono, ops: Pick<ReturnType<typeof createOps>, 'middleware' | 'routes'>, config: Pick<Config, 'brand' | 'embedOrigins' | 'publicUrl'>) {
  // First: every request, even one refused by a guard below, gets its id and is counted.
  app.use('*', ops.middleware);
  app.route('/', ops.routes);

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // A clinic logo on another site (CLINIC_LOGO_URL) is the one outside image allowed.
        imgSrc: ["'self'", 'data:', ...(config.brand.logoUrl?.startsWith('https://') ? [new URL(config.brand.logoUrl).origin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...config.embedOrigins],
      },
      // frame-ancestors decides who may embed us; X-Frame-Options would contradict it.
      xFrameOptions: false,
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: config.publicUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: false, // set below: embed.js alone is for other sites
      crossOriginOpenerPolicy: false,
    }),
  );

  // embed.js runs on health systems' pages: other origins must be able to load it. Everything
  // else — pages, /api and /sandbox answers alike — is for this origin only. (Registered before
  // the routes, so it wraps every answer.)
  app.use('*', async (c, next) => {
    const embedJs = c.req.path === '/embed.js';
    if (!embedJs) presetAnswerHeader(c, 'Cross-Origin-Resource-Policy', 'same-origin');
    await next();
    const forOthers = embedJs && c.res.ok;
    ensureAnswerHeader(c, 'Cross-Origin-Resource-Policy', forOthers ? 'cross-origin' : 'same-origin');
    if (forOthers) c.header('Cache-Control', 'public, max-age=300');
  });
}
