/**
 * VSee's provider side (seed 001, provider use cases 1 and 2): provider SSO (`type` 400), and
 * with the clinic admin token, waiting rooms: POST /rooms (400 "already exists" for a taken slug),
 * GET /rooms, POST /users/:id/rooms. The admin token is sent only on these calls.
 */
import { z } from 'zod';
import { USER_TYPE } from './codes';
import { VseeError, type VseeClient } from './client';
import { ROOM_EXISTS, roomSummary, ssoUser, type VseeRoomSummary } from './schemas';

export interface ProviderSsoInput {
  /** The health system's own id of the provider: VSee returns the same user for the same code. */
  code: string;
  firstName: string;
  lastName: string;
  email?: string;
}

/** GET /rooms page size while looking for a slug; VSee's own default is not documented. */
const PAGE = 100;
/** A clinic with more rooms than this is searched no further (a bound on one provisioning call). */
const MAX_PAGES = 50;

/**
 * Provider SSO (`type` 400): creates the provider the first time, returns the same one with a
 * fresh token after. Needs only the app's key and secret, not the admin token.
 */
export async function providerSso(vsee: VseeClient, input: ProviderSsoInput) {
  const user = await vsee.call({
    method: 'POST',
    path: 'users/sso',
    appAuth: true,
    schema: ssoUser,
    body: { code: input.code, first_name: input.firstName, last_name: input.lastName, email: input.email, type: USER_TYPE.provider },
  });
  return { id: user.id, token: user.token.token, expiry: user.token.expiry };
}

export function createProviderSide(vsee: VseeClient, opts: { adminToken: string; domain: string }) {

  /** The room with this slug in the clinic's domain, or null, paging through GET /rooms. */
  async function findRoomBySlug(slug: string): Promise<VseeRoomSummary | null> {
    const wanted = slug.toLowerCase();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rooms = await vsee.call({ method: 'GET', path: 'rooms', token: opts.adminToken, schema: z.array(roomSummary), query: { page, limit: PAGE } });
      const hit = rooms.find((r) => r.slug?.toLowerCase() === wanted && (!r.domain || r.domain === opts.domain));
      if (hit) return hit;
      if (rooms.length < PAGE) return null;
    }
    return null;
  }

  /**
   * POST /rooms, or the room that already has this slug (VSee answers 400 "already exists").
   * When the answer is lost (timeout, 5xx), the room may have been made: it is looked up.
   */
  async function ensureRoom(input: { name: string; slug: string }): Promise<{ room: VseeRoomSummary; created: boolean }> {
    try {
      const room = await vsee.call({
        method: 'POST',
        path: 'rooms',
        token: opts.adminToken,
        schema: roomSummary,
        body: { domain: opts.domain, slug: input.slug, name: input.name },
      });
      return { room, created: true };
    } catch (err) {
      if (!(err instanceof VseeError)) throw err;
      const exists = err.status === 400 && ROOM_EXISTS.test(err.message);
      if (!exists && !err.ambiguous) throw err;
      const found = await findRoomBySlug(input.slug);
      if (found) return { room: found, created: false };
      throw exists ? new VseeError(0, 'VSee says the room exists but does not list it', 'malformed') : err;
    }
  }

  /** POST /users/:id/rooms: assigns the provider to the room (assigning twice changes nothing). */
  async function assignRoom(providerId: string, roomCode: string): Promise<void> {
    await vsee.call({
      method: 'POST',
      path: `users/${encodeURIComponent(providerId)}/rooms`,
      token: opts.adminToken,
      schema: z.unknown(),
      body: { room_code: roomCode },
    });
  }

  return { providerSso: (input: ProviderSsoInput) => providerSso(vsee, input), findRoomBySlug, ensureRoom, assignRoom };
}
export type ProviderSide = ReturnType<typeof createProviderSide>;
