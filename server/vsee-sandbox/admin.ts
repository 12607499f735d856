/**
 * The clinic admin token (seed 001: "a special token that allows you to perform admin functions
 * through API"), sent as X-ApiToken like a user token. VSee does not document what a wrong token
 * gets on an admin call; the sandbox answers as for any bad token (401), and a valid *user* token
 * on an admin-only call gets 403.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { INVALID_TOKEN } from './auth';
import { SANDBOX } from './credentials';
import { fail } from './errors';
import type { Deps } from './deps';

export const ADMIN_ONLY = 'This call needs the clinic admin token.';

export function isAdminToken(raw: string | undefined): boolean {
  const a = Buffer.from(raw?.trim() ?? '');
  const b = Buffer.from(SANDBOX.adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Admin-only calls: no or unknown token → 401; a user's own token → 403. */
export function requireAdmin(c: Context, deps: Deps): void {
  const raw = c.req.header('x-apitoken')?.trim();
  if (isAdminToken(raw)) return;
  const token = raw ? deps.store.tokens.get(raw) : undefined;
  if (!token || token.expiry <= deps.now()) fail(401, INVALID_TOKEN);
  fail(403, ADMIN_ONLY);
}
