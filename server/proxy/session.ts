/**
 * The session lives in an encrypted, authenticated cookie (JWE, dir + A256GCM): the VSee token,
 * user code and member id never reach browser script. The server enforces a 15-minute idle
 * timeout and a 2-hour absolute limit; the cookie is re-sealed on each use to slide the idle clock.
 */
import { createHash, webcrypto } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { Session, VisitKind } from '../../src/api/contract';

const COOKIE_NAME = 'frontdesk'; // sent as __Host-frontdesk
const IDLE_SECONDS = 15 * 60;
const ABSOLUTE_SECONDS = 2 * 60 * 60;
const MAX_INTAKES = 5;

const sessionData = z.object({
  /** VSee SSO `code`: chosen by the server, never by the browser. */
  userCode: z.string().min(1).max(128),
  /** VSee user id (member_id). */
  memberId: z.string().min(1),
  /** The patient's VSee API token (X-ApiToken) and its expiry (unix s). */
  apiToken: z.string().min(1),
  apiTokenExpires: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  /** Session start and last use (unix s). */
  born: z.number(),
  seen: z.number(),
  /** Intakes made in this session and not booked yet: only these may be booked, each as its kind. */
  intakes: z
    .array(z.object({ id: z.string(), kind: z.enum(['walkin', 'appointment', 'econsult']) }))
    .max(MAX_INTAKES)
    .default([]),
  /** Signed in by the host site's launch token rather than as a guest. */
  launched: z.boolean().optional(),
});
export type SessionData = z.infer<typeof sessionData>;
export type SessionIntake = { id: string; kind: VisitKind };

/** What the browser may know of its session: names and when it ends, nothing of VSee. */
export function sessionView(s: SessionData): Session {
  return {
    firstName: s.firstName,
    lastName: s.lastName,
    expiresAt: new Date((s.born + ABSOLUTE_SECONDS) * 1000).toISOString(),
    ...(s.launched ? { launched: true } : {}),
  };
}

export interface SessionStore {
  read(c: Context): Promise<SessionData | null>;
  write(c: Context, s: SessionData): Promise<void>;
  clear(c: Context): void;
}

export function createSessionStore(secret: string, now: () => number): SessionStore {
  // Imported once: given raw bytes, jose would import the key again on every request.
  const key = webcrypto.subtle.importKey('raw', createHash('sha256').update(`frontdesk-session:${secret}`).digest(), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const nowS = () => Math.floor(now() / 1000);

  return {
    async read(c) {
      const raw = getCookie(c, COOKIE_NAME, 'host');
      if (!raw) return null;
      try {
        const { payload } = await jwtDecrypt(raw, await key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          currentDate: new Date(now()),
        });
        const s = sessionData.parse(payload);
        const t = nowS();
        if (t - s.seen > IDLE_SECONDS || t - s.born > ABSOLUTE_SECONDS) return null;
        return s;
      } catch {
        return null; // tampered, foreign or expired: simply not signed in
      }
    },
    async write(c, s) {
      const t = nowS();
      const fresh: SessionData = { ...s, seen: t, intakes: s.intakes.slice(-MAX_INTAKES) };
      const jwe = await new EncryptJWT({ ...fresh })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(t)
        .setExpirationTime(Math.min(t + IDLE_SECONDS, s.born + ABSOLUTE_SECONDS))
        .encrypt(await key);
      setCookie(c, COOKIE_NAME, jwe, {
        prefix: 'host',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
        partitioned: true,
        maxAge: Math.max(0, Math.min(IDLE_SECONDS, s.born + ABSOLUTE_SECONDS - t)),
      });
    },
    clear(c) {
      deleteCookie(c, COOKIE_NAME, { prefix: 'host', path: '/', secure: true, sameSite: 'None', partitioned: true });
    },
  };
}
