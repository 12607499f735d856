/**
 * The patient API (DESIGN.md): a backend-for-frontend that alone holds the VSee key and secret.
 * Mounted at /api by server/app.ts.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../config';
import type { VseeClient } from '../vsee/client';
import type { ProxyDeps, ProxyEnv } from './context';
import { csrfGuard, requireSession } from './guards';
import { createMemoryIdempotencyStore } from './idempotency';
import type { Logger } from './logger';
import { createPatientGateway } from './patient';
import { Problem, problemResponse, toProblem } from './problem';
import { bookingRoutes } from './routes/booking';
import { clinicRoutes } from './routes/clinic';
import { sessionRoutes } from './routes/session';
import { visitRoutes } from './routes/visits';
import { createSessionStore } from './session';

export const MAX_BODY_BYTES = 16 * 1024;

export function createProxy(opts: { config: Config; vsee: VseeClient; log: Logger; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const deps: ProxyDeps = {
    config: opts.config,
    vsee: opts.vsee,
    log: opts.log,
    now,
    gateway: createPatientGateway(opts.vsee, now),
    sessions: createSessionStore(opts.config.sessionSecret, now),
    idempotency: createMemoryIdempotencyStore(now),
  };

  const app = new Hono<ProxyEnv>();
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('*', csrfGuard(deps));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problemResponse(c, new Problem(413, 'payload_too_large', 'That request is too large.')),
    }),
  );

  app.route('/session', sessionRoutes(deps));
  app.route('/clinic', clinicRoutes(deps));
  // Everything below needs a signed-in patient. (Mounted last: its `/*` middleware must not
  // run before the public routes above.)
  const patient = new Hono<ProxyEnv>();
  patient.use('*', requireSession(deps));
  patient.route('/', bookingRoutes(deps));
  patient.route('/', visitRoutes(deps));
  app.route('/', patient);

  app.notFound((c) => problemResponse(c, new Problem(404, 'not_found', 'There is no such API call.')));
  app.onError((err, c) => {
    const p = toProblem(err);
    if (p.status >= 500) deps.log.error({ err: { name: err.name, message: err.message }, path: c.req.path }, 'request failed');
    else if (p.status === 401 || p.status === 403) deps.log.warn({ audit: 'refused', status: p.status, path: c.req.path });
    return problemResponse(c, p);
  });
  return app;
}
