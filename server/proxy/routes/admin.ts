/**
 * The provisioning API for the health system's server (provider use case 2): `POST
 * /api/admin/providers` signs the provider in at VSee, makes (or finds) their waiting room with the
 * clinic admin token, assigns them to it, and answers where their patients book.
 *
 * Server to server only: a bearer ADMIN_API_TOKEN (compared in constant time), no cookies read or
 * set, no CORS (a request that names an Origin is refused), rate limited per client address, and
 * every call audited. Mounted by server/app.ts before the patient API, so none of its cookie,
 * CSRF or CORS handling applies here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config';
import { VseeError, type VseeClient } from '../../vsee/client';
import { createProviderSide } from '../../vsee/providers';
import { provisionRequest, type ProvisionResult } from '../admin-contract';
import { clientAddress } from '../client-address';
import { readBody } from '../input';
import { audit, type Logger } from '../logger';
import { Problem, problemResponse, UPSTREAM_MESSAGE } from '../problem';
import { rateLimit } from '../rate-limit';
import type { KvStore } from '../stores/store';

export interface AdminDeps {
  config: Config;
  vsee: VseeClient;
  log: Logger;
  kv: KvStore;
}

const MAX_BODY_BYTES = 4 * 1024;
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer token check in constant time (hashing first makes the lengths equal). */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(header ?? '');
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(expected)) && m !== null;
}

/** What the health system's operator is told when VSee fails; VSee's own words when it refused. */
function fromVsee(err: VseeError): Problem {
  if (err.status === 400 || err.status === 422) return new Problem(400, 'bad_request', `VSee refused: ${err.message}`);
  if (err.status === 401 || err.status === 403) {
    return new Problem(502, 'upstream_unavailable', 'VSee refused the clinic’s credentials (VSEE_ADMIN_TOKEN or the API key). Nothing was changed by this call that a re-run will not complete.');
  }
  return new Problem(502, 'upstream_unavailable', `${UPSTREAM_MESSAGE} Run the same request again: it picks up where this one stopped.`);
}

export function adminRoutes(deps: AdminDeps) {
  const { config, log } = deps;
  const app = new Hono();
  const token = config.adminApiToken;
  const side = config.vsee.adminToken
    ? createProviderSide(deps.vsee, { adminToken: config.vsee.adminToken, domain: config.vsee.roomDomain })
    : null;
  const refuse = (c: Context, p: Problem, reason: string) => {
    audit(log, 'refused', { status: p.status, reason, method: c.req.method, path: c.req.path });
    return problemResponse(c, p);
  };

  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  // Off unless configured: then there is simply no such API.
  app.use('*', async (c, next) => {
    if (!token || !side) return problemResponse(c, new Problem(404, 'not_found', 'There is no such API call.'));
    return next();
  });
  app.use(
    '*',
    rateLimit(deps, {
      name: 'admin',
      limit: config.rateLimits.admin,
      windowMs: config.rateLimits.windowMs,
      key: (c) => clientAddress(c, config.trustProxy),
    }),
  );
  app.use('*', async (c, next) => {
    // A browser names its Origin on every cross-origin request (and on same-origin POSTs): this
    // API is for servers only, so it never answers one, preflights included.
    if (c.req.header('Origin') !== undefined || c.req.method === 'OPTIONS') {
      return refuse(c, new Problem(403, 'forbidden', 'The provisioning API is for servers, not browsers.'), 'admin_browser');
    }
    if (!bearerMatches(c.req.header('Authorization'), token!)) {
      c.header('WWW-Authenticate', 'Bearer realm="frontdesk-admin"');
      return refuse(c, new Problem(401, 'unauthorized', 'A valid ADMIN_API_TOKEN bearer token is required.'), 'admin_token');
    }
    return next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => refuse(c, new Problem(413, 'payload_too_large', 'That request is too large.'), 'payload_too_large'),
    }),
  );

  app.post('/providers', async (c) => {
    const body = await readBody(c, provisionRequest);
    const vseeSide = side!;
    try {
      // Each step is safe to repeat: SSO returns the same provider for the same code, a taken
      // slug is found instead of made twice, and assigning again changes nothing. So a call that
      // failed midway is completed by running it again.
      const provider = await vseeSide.providerSso(body);
      const { room, created } = await vseeSide.ensureRoom(body.room);
      await vseeSide.assignRoom(provider.id, room.code);
      const result: ProvisionResult = {
        providerId: provider.id,
        roomCode: room.code,
        patientUrl: `${config.publicUrl}/r/${room.code}`,
      };
      audit(log, 'provision', { provider: provider.id, room: room.code, outcome: created ? 'created' : 'existing' });
      return c.json(result, created ? 201 : 200);
    } catch (err) {
      if (!(err instanceof VseeError)) throw err;
      audit(log, 'provision', { outcome: 'failed', step_status: err.status, kind: err.kind });
      throw fromVsee(err);
    }
  });

  app.notFound((c) => problemResponse(c, new Problem(404, 'not_found', 'There is no such API call.')));
  app.onError((err, c) => {
    if (err instanceof Problem) {
      if (err.status < 500) audit(log, 'refused', { status: err.status, reason: err.code, method: c.req.method, path: c.req.path });
      return problemResponse(c, err);
    }
    log.error({ err: { name: err.name, message: err.message.slice(0, 200) }, path: c.req.path }, 'admin request failed');
    return problemResponse(c, new Problem(500, 'internal', 'Something went wrong on our side. Please try again.'));
  });
  return app;
}
