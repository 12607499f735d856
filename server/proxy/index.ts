/**
 * The patient API (DESIGN.md): a backend-for-frontend that alone holds the VSee key and secret.
 * Mounted at /api by server/app.ts.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ensureAnswerHeader, presetAnswerHeader } from '../answer-header';
import type { ClinicBackend } from '../backend/clinic-backend';
import type { Config } from '../config';
import type { VseeClient } from '../vsee/client';
import { VseeError } from '../vsee/client';
import { addressBucket, clientAddress } from './client-address';
import type { ProxyDeps, ProxyEnv } from './context';
import { corsGuard, csrfGuard } from './guards';
import { createIdempotencyStore } from './idempotency';
import { audit, type Logger } from './logger';
import { requirePatient } from './patient';
import { paymentRoutes } from './payment/routes';
import { Problem, problemResponse, toProblem } from './problem';
import { rateLimit } from './rate-limit';
import { bookingRoutes } from './routes/booking';
import { clinicRoutes } from './routes/clinic';
import { openAvailabilityRoutes } from './routes/open-availability';
import { returnLinkRoutes, returnRoutes } from './routes/return-link';
import { createReturnSealer } from './return-link';
import { createKvReplayGuard, createLaunchVerifier } from './launch';
import { launchRoutes } from './routes/launch';
import { sessionRoutes } from './routes/session';
import { staffRoutes } from './routes/staff';
import { createProviderSessionStore } from './provider-session';
import { visitRoutes } from './routes/visits';
import { visitStreamRoutes, type StreamHooks } from './routes/visit-stream';
import type { VisitEvents } from './webhooks/visit-events';
import { createReadCache, type ReadCache } from './read-cache';
import { createVseeBackend } from '../vsee/backend';
import { createWaitEstimates } from './wait-estimate';
import { createSessionStore } from './session';
import { boundedStore } from './stores/bounded';
import { createMemoryStore } from './stores/memory';
import type { KvStore } from './stores/store';

const MAX_BODY_BYTES = 16 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ProxyOptions {
  config: Config;
  vsee: VseeClient;
  log: Logger;
  now?: () => number;
  /** The shared store; default: in memory, on the proxy's clock. */
  kv?: KvStore;
  /** VSee's visit webhooks, from any copy: pushed to waiting rooms, and they expire cached reads. */
  visitEvents?: VisitEvents;
  /** Told when a waiting room's event stream opens and closes (the sse gauge). */
  streams?: StreamHooks;
  /**
   * The clinic backend (CLINIC_BACKEND), built over the proxy's shared store and read cache.
   * Default: VSee over `vsee`.
   */
  backend?: (shared: { kv: KvStore; reads: ReadCache }) => ClinicBackend;
}

export function createProxy(opts: ProxyOptions) {
  const now = opts.now ?? Date.now;
  // Every store call bounded (REDIS_TIMEOUT_MS); each use chooses its failure mode.
  const kv = boundedStore(opts.kv ?? createMemoryStore(now), opts.config.storeTimeoutMs);
  const reads = createReadCache(opts.config.visitCacheMs, now);
  // VSee has no wait call: walk-ins' waits are learnt from their starts (decision 065).
  const waits = opts.backend ? null : createWaitEstimates(kv, { log: opts.log });
  const backend = opts.backend
    ? opts.backend({ kv, reads })
    : createVseeBackend({ config: opts.config, vsee: opts.vsee, kv, log: opts.log, now, reads, waits: waits ?? undefined });
  const deps: ProxyDeps = {
    config: opts.config,
    vsee: opts.vsee,
    log: opts.log,
    now,
    sessions: createSessionStore(opts.config.sessionSecrets, now, kv),
    idempotency: createIdempotencyStore(kv, opts.config.booking.claimMs),
    kv,
    reads,
    backend,
  };
  const { rateLimits } = opts.config;
  // Registered before any stream's listener: a stream woken by an event reads VSee afresh.
  opts.visitEvents?.onEvent((e) => deps.reads.forgetVisit(e.visitId, e.memberId));
  // A walk-in started (webhook, on whichever copy heard it): its wait is learnt, once across copies.
  if (waits) opts.visitEvents?.onEvent((e) => void (e.status === 'in_progress' ? waits.started(e.visitId, e.at) : undefined));

  const app = new Hono<ProxyEnv>();
  // Patient data: never stored by a cache, and no other site may even embed an answer as a resource.
  app.use('*', async (c, next) => {
    presetAnswerHeader(c, 'Cache-Control', 'no-store');
    presetAnswerHeader(c, 'Cross-Origin-Resource-Policy', 'same-origin');
    await next();
    ensureAnswerHeader(c, 'Cache-Control', 'no-store');
    ensureAnswerHeader(c, 'Cross-Origin-Resource-Policy', 'same-origin');
  });
  app.use('*', corsGuard(deps));
  app.use('*', csrfGuard(deps));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      audit(deps.log, 'refused', { status: 413, reason: 'payload_too_large', method: c.req.method, path: c.req.path });
      // The rest of the body is not read: the connection cannot be reused, so say so.
      c.header('Connection', 'close');
      return problemResponse(c, new Problem(413, 'payload_too_large', 'That request is too large.'));
    },
  });
  // A GET or HEAD has no body to limit (@hono/node-server gives it none), and asking for it builds a
  // whole Fetch Request (with its AbortSignal) from the incoming message: every poll paid for that.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  // Session creation per client address: each one is an SSO at VSee (guest) or a launch-token check.
  const sessionLimit = rateLimit(deps, {
    name: 'session',
    limit: rateLimits.sessions,
    windowMs: rateLimits.windowMs,
    key: (c) => (c.req.method === 'POST' ? addressBucket(clientAddress(c, opts.config.trustProxy)) : null),
  });
  app.use('/session/guest', sessionLimit);
  app.use('/session/launch', sessionLimit);
  app.use('/staff/launch', sessionLimit);

  // A provider session is a kind of its own (provider-session.ts): no patient session starts
  // beside it, so nothing of the patient side is reachable while a provider is signed in.
  const providerSessions = createProviderSessionStore(opts.config.sessionSecrets, kv, now);
  const noProvider: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'POST' || !(await providerSessions.read(c))) return next();
    audit(deps.log, 'refused', { status: 403, reason: 'provider_session', method: c.req.method, path: c.req.path });
    return problemResponse(c, new Problem(403, 'forbidden', 'You are signed in as a provider here. Sign out of the provider page first.'));
  };
  app.use('/session/guest', noProvider);
  app.use('/session/launch', noProvider);

  const launch = opts.config.launch ? createLaunchVerifier(opts.config.launch, createKvReplayGuard(kv), now) : null;
  app.route('/staff', staffRoutes({ ...deps, providerSessions }, launch));
  app.route('/session/launch', launchRoutes(deps, launch));
  app.route('/session', sessionRoutes(deps));
  app.route('/clinic/availability', openAvailabilityRoutes(deps));
  app.route('/clinic', clinicRoutes(deps));
  const returnSealer = createReturnSealer(opts.config.sessionSecrets, now);
  app.route('/return', returnRoutes(deps, returnSealer));
  // Everything below needs a signed-in patient. (Mounted last: its `/*` middleware must not
  // run before the public routes above.)
  const patient = new Hono<ProxyEnv>();
  patient.use('*', requirePatient(deps));
  patient.use(
    '*',
    rateLimit(deps, {
      name: 'mutation',
      limit: rateLimits.mutations,
      windowMs: rateLimits.windowMs,
      key: (c) => (SAFE_METHODS.has(c.req.method) ? null : c.var.patient.memberId),
    }),
  );
  // Reads cost VSee calls on the clinic's shared key: limited per session and per address.
  patient.use(
    '*',
    rateLimit(deps, {
      name: 'read',
      limit: rateLimits.reads,
      windowMs: rateLimits.windowMs,
      key: (c) => (SAFE_METHODS.has(c.req.method) ? c.var.patient.session.sid : null),
    }),
  );
  patient.use(
    '*',
    rateLimit(deps, {
      name: 'read-address',
      limit: rateLimits.readsPerAddress,
      windowMs: rateLimits.windowMs,
      key: (c) => (SAFE_METHODS.has(c.req.method) ? addressBucket(clientAddress(c, opts.config.trustProxy)) : null),
    }),
  );
  patient.route('/', bookingRoutes(deps));
  patient.route('/', visitStreamRoutes(deps, opts.visitEvents ?? null, opts.streams ?? { opened() {}, closed() {} }));
  patient.route('/', visitRoutes(deps));
  patient.route('/', paymentRoutes(deps));
  patient.route('/', returnLinkRoutes(deps, returnSealer));
  app.route('/', patient);

  app.notFound((c) => problemResponse(c, new Problem(404, 'not_found', 'There is no such API call.')));
  app.onError((err, c) => {
    const p = toProblem(err);
    if (p.status >= 500) {
      // Ids and kinds only: a VSee error message may echo what the patient sent.
      const detail =
        err instanceof VseeError
          ? { name: err.name, kind: err.kind, status: err.status }
          : { name: err.name, message: err.message.slice(0, 200) };
      deps.log.error({ err: detail, method: c.req.method, path: c.req.path, code: p.code }, 'request failed');
    } else {
      audit(deps.log, 'refused', { status: p.status, reason: p.code, method: c.req.method, path: c.req.path });
    }
    return problemResponse(c, p);
  });
  return app;
}
