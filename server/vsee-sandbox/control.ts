/**
 * Sandbox-only controls (not part of VSee): reset to the seed, inspect state, flip the room
 * settings a clinic admin would change in VSee (closed, walk-ins/appointments, one-time links),
 * expire access tokens, and finish a visit the way a provider would.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { VISIT_STATUS } from '../vsee/codes';
import { SANDBOX } from './credentials';
import { VseeError } from './errors';
import { acceptEconsult, completeVisit, isEconsult, isFinal, startVisit } from './lifecycle';
import type { Deps } from './deps';

const roomSettings = z
  .object({
    walkinEnabled: z.boolean(),
    appointmentEnabled: z.boolean(),
    isClosed: z.boolean(),
    closeMsg: z.string().min(1).max(500),
    oneTimeLinks: z.boolean(),
  })
  .partial()
  .strict();

const expireTokens = z
  .object({ userId: z.union([z.string().trim().min(1).max(64), z.number().int().nonnegative().transform(String)]) })
  .partial()
  .strict();

const problem = (c: Context, status: ContentfulStatusCode, message: string) => c.json({ code: status, message }, status);

/** A JSON body, where an empty one counts as `{}`; undefined when it is not JSON. */
async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const LOOPBACK_HOST = /^(?:localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * The controls reset and rewrite the clinic, so only this machine's own pages and scripts may use
 * them: a foreign `Host` (DNS rebinding: evil.example resolving to 127.0.0.1) and cross-site
 * writes (a page elsewhere posting a form) are refused. Not a VSee behaviour: the controls are
 * the sandbox's own.
 */
export function controlGuard(deps: Pick<Deps, 'publicOrigin'>): MiddlewareHandler {
  const publicHost = new URL(deps.publicOrigin).host.toLowerCase();
  return async (c, next) => {
    const host = (c.req.header('Host') ?? new URL(c.req.url).host).toLowerCase();
    if (host !== publicHost && !LOOPBACK_HOST.test(host)) return problem(c, 403, 'The sandbox controls answer only on this machine.');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      const sameOrigin = URL.canParse(origin ?? '') && new URL(origin!).host.toLowerCase() === host;
      if ((origin !== undefined && !sameOrigin) || site === 'cross-site' || site === 'same-site') {
        return problem(c, 403, 'Cross-site requests to the sandbox controls are refused.');
      }
    }
    return next();
  };
}

export function createControl(deps: Deps, reset: () => void): Hono {
  const control = new Hono();

  control.post('/reset', (c) => {
    reset();
    return c.body(null, 204);
  });

  control.get('/state', (c) => {
    const { store } = deps;
    return c.json({
      now: deps.now(),
      room: store.rooms.get(SANDBOX.roomCode) ?? null,
      rooms: [...store.rooms.values()].map((r) => ({ code: r.code, slug: r.slug, name: r.name, providerIds: [...r.providerIds] })),
      users: [...store.users.values()].map((u) => ({ id: u.id, type: u.type, firstName: u.firstName, lastName: u.lastName })),
      visits: [...store.visits.values()].map((v) => ({
        id: v.id,
        memberId: v.memberId,
        providerId: v.providerId,
        type: v.type,
        subtype: v.subtype,
        status: v.status,
        start: v.start,
        end: v.end,
        closeReason: v.closeReason,
      })),
      intakes: store.intakes.size,
      sessions: store.sessions.size,
    });
  });

  control.post('/room', async (c) => {
    const parsed = roomSettings.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected a JSON object of room settings.' }, 400);
    // `?code=` picks another room (one made by POST /rooms); default: the seeded room.
    const room = deps.store.rooms.get(c.req.query('code') ?? SANDBOX.roomCode);
    if (!room) return c.json({ code: 404, message: 'Room not found.' }, 404);
    Object.assign(room, parsed.data);
    return c.json({ data: room });
  });

  /**
   * Expire access tokens, all of them or one user's (`{"userId": "10005"}`), so that a client's
   * "401 → SSO again with the stored code → retry once" path can be exercised. Refresh tokens and
   * portal sessions are left alone; a new SSO mints a fresh, valid token as usual.
   */
  control.post('/expire-tokens', async (c) => {
    const parsed = expireTokens.safeParse(await jsonBody(c));
    if (!parsed.success) return problem(c, 400, 'Expected an empty body or a JSON object like {"userId": "10005"}.');
    const { userId } = parsed.data;
    if (userId !== undefined && !deps.store.users.has(userId)) return problem(c, 404, 'User not found.');
    const now = deps.now();
    let expired = 0;
    for (const token of deps.store.tokens.values()) {
      if ((userId !== undefined && token.userId !== userId) || token.expiry <= now) continue;
      token.expiry = now;
      expired += 1;
    }
    return c.json({ data: { expired } });
  });

  /**
   * Take a visit to completed in one step, the way the provider dashboard would (start or accept,
   * then complete), for tests that need a finished visit.
   */
  control.post('/visits/:id/complete', (c) => {
    const v = deps.store.visits.get(c.req.param('id'));
    if (!v) return problem(c, 404, 'Visit not found.');
    if (isFinal(v)) return problem(c, 409, 'This visit has already ended.');
    const now = deps.now();
    if (v.status !== VISIT_STATUS.in_progress) {
      if (isEconsult(v)) acceptEconsult(deps.store, v, undefined, now);
      else startVisit(deps.store, v, now);
      deps.outbox.visitChanged('visit.updated', v);
    }
    completeVisit(v, now);
    deps.outbox.visitChanged('visit.ended', v);
    return c.json({ data: { id: v.id, status: v.status, providerId: v.providerId } });
  });

  control.onError((err, c) => {
    if (err instanceof VseeError) return problem(c, err.status, err.message);
    return problem(c, 500, 'The sandbox control hit an unexpected error.');
  });

  return control;
}
