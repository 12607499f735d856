/**
 * The provider's session (VSee provider use case 1): a kind of its own, never a patient's. It
 * lives in its own cookie (`__Host-frontdesk-staff`), sealed with its own key (derived from
 * SESSION_SECRET with another label) and carries `kind: "provider"`, so a patient's cookie can
 * never be read as a provider's or the reverse, even if someone renames one. No VSee token is kept:
 * the handoff mints one just before it is used. Same limits as a patient's: 15 minutes idle, 2
 * hours in all; sign-out revokes it in the shared store, so a copied cookie dies with it.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { StaffSession } from '../../src/api/staff-contract';
import { audit, type Logger } from './logger';
import { Problem, problemResponse } from './problem';
import type { KvStore } from './stores/store';

export const STAFF_COOKIE = 'frontdesk-staff'; // sent as __Host-frontdesk-staff
/** The same limits as a patient's session (session.ts). */
const IDLE_SECONDS = 15 * 60;
const ABSOLUTE_SECONDS = 2 * 60 * 60;

export const providerSessionData = z.strictObject({
  kind: z.literal('provider'),
  /** Session id, for revocation. */
  sid: z.string().regex(/^[0-9a-f]{32}$/),
  /** The provider's VSee user code: the verified launch token's `sub`, never the browser's. */
  userCode: z.string().min(1).max(128),
  /** VSee user id. */
  providerId: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  born: z.number(),
  seen: z.number(),
});
export type ProviderSessionData = z.infer<typeof providerSessionData>;

export function providerView(s: ProviderSessionData): StaffSession {
  return { firstName: s.firstName, lastName: s.lastName, expiresAt: new Date((s.born + ABSOLUTE_SECONDS) * 1000).toISOString() };
}

export const newSessionId = () => randomBytes(16).toString('hex');

export interface ProviderSessionStore {
  read(c: Context): Promise<ProviderSessionData | null>;
  write(c: Context, s: ProviderSessionData): Promise<void>;
  /** Ends the session here and everywhere (revocation in the shared store), and drops the cookie. */
  end(c: Context, s: ProviderSessionData | null): Promise<void>;
  /** Drops the cookie only (a patient session is starting in this browser). */
  clear(c: Context): void;
}

/** `secrets`: SESSION_SECRETS, newest first: the first seals, every one opens (rotation). */
export function createProviderSessionStore(secrets: string[], kv: KvStore, now: () => number): ProviderSessionStore {
  const keys = secrets.map((secret) =>
    webcrypto.subtle.importKey('raw', createHash('sha256').update(`frontdesk-provider-session:${secret}`).digest(), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]),
  );
  const key = keys[0]!;
  const nowS = () => Math.floor(now() / 1000);
  const cookieOptions = { prefix: 'host', path: '/', secure: true, sameSite: 'None', partitioned: true } as const;
  const revokedKey = (sid: string) => `revoked:provider:${sid}`;

  const clear = (c: Context) => deleteCookie(c, STAFF_COOKIE, cookieOptions);

  return {
    async read(c) {
      const raw = getCookie(c, STAFF_COOKIE, 'host');
      if (!raw) return null;
      let s: ProviderSessionData | null = null;
      for (const k of keys) {
        try {
          const { payload } = await jwtDecrypt(raw, await k, {
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
            currentDate: new Date(now()),
          });
          // iat / exp are the JWT's own; the session's fields are the rest.
          s = providerSessionData.parse(Object.fromEntries(Object.entries(payload).filter(([name]) => name !== 'iat' && name !== 'exp')));
          break;
        } catch {
          // tampered, foreign (a patient's), expired, or sealed with another key: try the next
        }
      }
      if (!s) return null;
      const t = nowS();
      if (t - s.seen > IDLE_SECONDS || t - s.born > ABSOLUTE_SECONDS) return null;
      // Revocation fails closed: if the store cannot say, the session is not trusted.
      const revoked = await kv.get(revokedKey(s.sid)).catch(() => 'unknown');
      return revoked === null ? s : null;
    },
    async write(c, s) {
      const t = nowS();
      const fresh: ProviderSessionData = { ...s, seen: t };
      const jwe = await new EncryptJWT({ ...fresh })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(t)
        .setExpirationTime(Math.min(t + IDLE_SECONDS, s.born + ABSOLUTE_SECONDS))
        .encrypt(await key);
      setCookie(c, STAFF_COOKIE, jwe, { ...cookieOptions, httpOnly: true, maxAge: Math.max(0, Math.min(IDLE_SECONDS, s.born + ABSOLUTE_SECONDS - t)) });
    },
    async end(c, s) {
      clear(c);
      if (s) await kv.set(revokedKey(s.sid), '1', Math.max(1, s.born + ABSOLUTE_SECONDS - nowS() + 60) * 1000);
    },
    clear,
  };
}

/** Staff calls: a provider session or 401. Re-seals it after the call (sliding idle timeout). */
export function requireProvider(
  deps: { providerSessions: ProviderSessionStore; log: Logger },
): MiddlewareHandler<{ Variables: { provider: ProviderSessionData } }> {
  return async (c, next) => {
    const s = await deps.providerSessions.read(c);
    if (!s) {
      audit(deps.log, 'refused', { status: 401, reason: 'no_provider_session', method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(401, 'unauthorized', 'You are not signed in as a provider, or your session has ended. Open frontdesk again from your health system’s site.'));
    }
    c.set('provider', s);
    await next();
    await deps.providerSessions.write(c, c.get('provider'));
  };
}
