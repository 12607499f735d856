/** Who is calling: the user behind X-ApiToken, or the developer app behind X-ApiKey. */
import type { Context } from 'hono';
import { SANDBOX } from './credentials';
import { fail } from './errors';
import type { Deps } from './deps';
import type { User } from './store';

export const INVALID_TOKEN = 'Invalid or expired token';

export function tokenUser(c: Context, deps: Deps): User {
  const raw = c.req.header('x-apitoken')?.trim();
  const token = raw ? deps.store.tokens.get(raw) : undefined;
  if (!token || token.expiry <= deps.now()) return fail(401, INVALID_TOKEN);
  return deps.store.users.get(token.userId) ?? fail(401, INVALID_TOKEN);
}

/**
 * X-AccountCode is optional (several VSee samples omit it) but, when sent, must name this
 * account. Blank counts as absent ("otherwise leave it blank").
 */
export function checkAccountCode(c: Context): void {
  const code = c.req.header('x-accountcode')?.trim();
  if (code && code !== SANDBOX.accountCode) fail(400, 'Unknown account code');
}

/** The developer app's key (and, for SSO, secret). */
export function checkApiKey(c: Context, opts: { secret: boolean }): void {
  const key = c.req.header('x-apikey')?.trim();
  const secret = c.req.header('x-apisecret')?.trim();
  if (!key || (opts.secret && !secret)) {
    fail(401, opts.secret ? 'X-ApiKey and X-ApiSecret are required.' : 'X-ApiKey is required.');
  }
  if (key !== SANDBOX.apiKey || (opts.secret && secret !== SANDBOX.apiSecret)) {
    fail(403, 'Invalid API key or secret.');
  }
}
