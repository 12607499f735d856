/**
 * The session lives in an encrypted, authenticated cookie (JWE, dir + A256GCM): the VSee token,
 * user code and member id never reach browser script. The server enforces a 15-minute idle
 * timeout and a 2-hour absolute limit. The cookie is re-sealed when what it holds changes, and for
 * the idle clock at most once a minute (decision 035): sealing (JWE encryption) was the dearest part
 * of a poll, and a clock that ticks each minute can end a session at most a minute early, never late.
 *
 * Each session has an id; signing out records it as revoked in the shared store until the
 * session could have lived anyway, so a copied cookie stops working everywhere (decision 002).
 * Keys rotate: SESSION_SECRETS, newest first, seals with the first and opens with any.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { Session, VisitKind } from '../../src/api/contract';
import type { KvStore } from './stores/store';

const COOKIE_NAME = 'frontdesk'; // sent as __Host-frontdesk
const IDLE_SECONDS = 15 * 60;
const ABSOLUTE_SECONDS = 2 * 60 * 60;
const MAX_INTAKES = 5;
/** Clock difference between copies of the proxy that is tolerated (a session "born" ahead of it is forged). */
const SKEW_SECONDS = 30;
/** Resolution of the idle clock: an unchanged session is re-sealed only when this much has passed. */
export const RESEAL_SECONDS = 60;

const sessionData = z.object({
  /** Server-side session id: what sign-out revokes. */
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** Which clinic backend signed the patient in: a session is good for that backend only. */
  backend: z.enum(['vsee', 'dexcare']).default('vsee'),
  /** VSee SSO `code` (DexCare: the host's `sub`): chosen by the server or a verified launch, never by the browser. */
  userCode: z.string().min(1).max(128),
  /** The vendor's id of the patient: VSee user id (member_id), DexCare patient GUID. */
  memberId: z.string().min(1),
  /** The patient's vendor token (VSee X-ApiToken, DexCare bearer) and its expiry (unix s). */
  apiToken: z.string().min(1),
  apiTokenExpires: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  /** Birth date, when the sign-in gave one (DexCare's `actor` needs it). */
  dob: z.string().optional(),
  /** People the health system linked to this patient, who may be booked for (DexCare launch, decision 014). */
  dependents: z
    .array(z.object({ id: z.string().min(1), firstName: z.string(), lastName: z.string(), dob: z.string() }))
    .max(10)
    .optional(),
  /** Session start and last use (unix s). */
  born: z.number(),
  seen: z.number(),
  /** Intakes made in this session and not booked yet: only these may be booked, each as its kind. */
  intakes: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(['walkin', 'appointment', 'econsult']),
        room: z.string().optional(),
        // A backend without an intake call (DexCare) keeps the visit's area and reason here until booking.
        area: z.string().optional(),
        reason: z.string().optional(),
        // The visit type and provider chosen with it: availability and the booking follow them.
        visitTypeId: z.string().optional(),
        providerId: z.string().optional(),
        // Made on someone else's behalf (VSee, decision 067): that patient's VSee id.
        forMember: z.string().optional(),
      }),
    )
    .max(MAX_INTAKES)
    .default([]),
  /** Signed in by the host site's launch token rather than as a guest. */
  launched: z.boolean().optional(),
});
export type SessionData = z.infer<typeof sessionData>;
/** `room`: the provider's room the intake was made for (absent: the clinic's, VSEE_ROOM_CODE); the rest: see above. */
export type SessionIntake = { id: string; kind: VisitKind; room?: string; area?: string; reason?: string; visitTypeId?: string; providerId?: string; forMember?: string };

/** What the browser may know of its session: names and when it ends, nothing of VSee. */
export function sessionView(s: SessionData): Session {
  return {
    firstName: s.firstName,
    lastName: s.lastName,
    expiresAt: new Date((s.born + ABSOLUTE_SECONDS) * 1000).toISOString(),
    ...(s.launched ? { launched: true } : {}),
    // Names only, under ids of our own: the vendor's patient ids never reach the browser.
    ...(s.dependents?.length ? { dependents: s.dependents.map((d, i) => ({ id: dependentRef(i), firstName: d.firstName, lastName: d.lastName })) } : {}),
  };
}

/** The browser's name for the session's i-th dependent ("Someone else" picks it). */
export const dependentRef = (i: number) => `dependent-${i + 1}`;

export const newSessionId = () => randomBytes(18).toString('base64url');

export interface SessionStore {
  /** The cookie's session, or null when there is none (or it is forged, expired or revoked). Throws when revocations cannot be checked. */
  read(c: Context): Promise<SessionData | null>;
  write(c: Context, s: SessionData): Promise<void>;
  /** Signs this session out everywhere: its id is refused from now on. Throws when the store cannot record it. */
  revoke(s: SessionData): Promise<void>;
  clear(c: Context): void;
}

/** Everything a cookie holds but the idle clock, to tell whether a request changed the session. */
const content = (s: SessionData) => JSON.stringify({ ...s, seen: 0 });

export function createSessionStore(secrets: string[], now: () => number, kv: KvStore): SessionStore {
  /** What this request's cookie held when read, so write() can skip a seal that would change nothing. */
  const asRead = new WeakMap<Context, { content: string; seen: number }>();
  if (secrets.length === 0) throw new Error('createSessionStore: no secret');
  // Imported once: given raw bytes, jose would import the key again on every request.
  const keys = secrets.map((secret) =>
    webcrypto.subtle.importKey('raw', createHash('sha256').update(`frontdesk-session:${secret}`).digest(), 'AES-GCM', false, ['encrypt', 'decrypt']),
  );
  const nowS = () => Math.floor(now() / 1000);

  /** The payload, and whether the newest key opened it (else the next seal moves it to the newest). */
  async function open(raw: string): Promise<{ payload: unknown; newest: boolean } | null> {
    for (const [i, key] of keys.entries()) {
      try {
        const { payload } = await jwtDecrypt(raw, await key, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          currentDate: new Date(now()),
        });
        return { payload, newest: i === 0 };
      } catch {
        // not this key (or tampered, or expired): try the next one
      }
    }
    return null;
  }

  return {
    async read(c) {
      const raw = getCookie(c, COOKIE_NAME, 'host');
      if (!raw) return null;
      const opened = await open(raw);
      const parsed = sessionData.safeParse(opened?.payload);
      if (!parsed.success) return null; // tampered, foreign or expired: simply not signed in
      const s = parsed.data;
      const t = nowS();
      if (t - s.seen > IDLE_SECONDS || t - s.born > ABSOLUTE_SECONDS) return null;
      if (s.born > t + SKEW_SECONDS || s.seen > t + SKEW_SECONDS || s.seen < s.born) return null; // from the future: forged
      if ((await kv.get(`rev:${s.sid}`)) !== null) return null;
      // Only a cookie under the newest key may skip a seal: one under an older key moves over now.
      if (opened?.newest) asRead.set(c, { content: content(s), seen: s.seen });
      return s;
    },
    async revoke(s) {
      // Kept until the session would have ended by itself, with room for clock skew.
      const left = s.born + ABSOLUTE_SECONDS + SKEW_SECONDS - nowS();
      await kv.set(`rev:${s.sid}`, '1', Math.max(1, left) * 1000);
    },
    async write(c, s) {
      const t = nowS();
      const fresh: SessionData = { ...s, seen: t, intakes: s.intakes.slice(-MAX_INTAKES) };
      // Unchanged, under the newest key and sealed within the minute: nothing to seal.
      const before = asRead.get(c);
      if (before && t - before.seen < RESEAL_SECONDS && before.content === content(fresh)) return;
      const jwe = await new EncryptJWT({ ...fresh })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(t)
        .setExpirationTime(Math.min(t + IDLE_SECONDS, s.born + ABSOLUTE_SECONDS))
        .encrypt(await keys[0]!);
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
