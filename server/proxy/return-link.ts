/**
 * The return link (`/v/<token>`): a sealed token naming one visit and the VSee user it belongs
 * to (JWE, dir + A256GCM, with keys of their own derived from SESSION_SECRETS: sealed with the newest,
 * opened with any, so a rotation does not break links already sent). Holding it lets a
 * browser see that visit and join it, nothing else of the patient's, until the visit is over.
 * Nothing in it can be read without the key: the VSee user code stays a server secret.
 * See docs/decisions/031-return-link.md.
 */
import { createHash, webcrypto } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';

/** A visit running late is still joinable a while after its booked end. */
export const RETURN_GRACE_S = 2 * 60 * 60;

export const returnClaims = z.object({
  /** VSee user code (SSO `code`), member id, and the names SSO wants. */
  uc: z.string().min(1).max(128),
  mid: z.string().min(1),
  fn: z.string(),
  ln: z.string(),
  /** The one visit this link opens. */
  vid: z.string().min(1).max(40),
});
export type ReturnClaims = z.infer<typeof returnClaims>;

export function createReturnSealer(secrets: string[], now: () => number) {
  if (secrets.length === 0) throw new Error('createReturnSealer: no secret');
  const keys = secrets.map((secret) =>
    webcrypto.subtle.importKey('raw', createHash('sha256').update(`frontdesk-return:${secret}`).digest(), 'AES-GCM', false, ['encrypt', 'decrypt']),
  );
  return {
    /** Sealed until `endsAt` (unix s, the visit's end) plus the grace. */
    async seal(claims: ReturnClaims, endsAt: number): Promise<string> {
      const t = Math.floor(now() / 1000);
      return new EncryptJWT({ ...claims })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(t)
        .setExpirationTime(Math.max(t + 60, endsAt + RETURN_GRACE_S))
        .encrypt(await keys[0]!);
    },
    /** The claims, or null for a token that is foreign, tampered or past its visit. */
    async open(token: string): Promise<ReturnClaims | null> {
      for (const key of keys) {
        try {
          const { payload } = await jwtDecrypt(token, await key, {
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
            currentDate: new Date(now()),
          });
          return returnClaims.parse(payload);
        } catch {
          // not this key (or tampered, expired, or not ours): try the next one
        }
      }
      return null;
    },
  };
}
export type ReturnSealer = ReturnType<typeof createReturnSealer>;
