/**
 * Signed patient launch: a health system's server signs a short-lived JWT for its signed-in
 * patient; the proxy verifies it with jose and signs the patient in. Verification rules: allowed
 * algorithms only (HS256 with LAUNCH_SECRET, or RS256/ES256 from LAUNCH_JWKS_URL), the configured
 * issuer and audience, `exp` at most 5 minutes ahead, and each `jti` used once.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { birthDate, phoneNumber } from '../../src/api/contract';
import type { Config } from '../config';
import { firstUse, type KvStore } from './stores/store';

const MAX_LIFETIME_SECONDS = 5 * 60;
/** Clock difference between copies of the proxy (and the issuer) that replay protection covers. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const plainName = z.string().trim().min(1).max(64).regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]+$/u, 'no hidden characters');
/** DexCare's patient GUIDs (and our sandbox's): letters, digits and dashes. */
const dexcareId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'a DexCare patient id');

/** The patient's details under OpenID Connect's standard claim names. */
const launchClaims = z.object({
  sub: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII')
    // Guest codes are "fd-…"; a host's patient id must never name a guest's VSee account.
    .refine((s) => !s.startsWith('fd-'), 'reserved prefix'),
  jti: z.string().min(8).max(200),
  exp: z.number(),
  given_name: plainName,
  family_name: plainName,
  birthdate: z.optional(birthDate),
  email: z.email().max(254).optional(),
  phone_number: z.optional(phoneNumber),
  /**
   * Who is launched: a patient (no claim, or "patient") or a provider ("provider", VSee provider
   * use case 1). A token is good for its own kind of session only.
   */
  frontdesk_role: z.enum(['patient', 'provider']).optional(),
  /**
   * DexCare mode (docs/decisions/014): the patient's DexCare GUID and the bearer token for DexCare
   * calls on their behalf, from the health system's sign-in; and the people it links to them.
   * Kept only in the encrypted session.
   */
  dexcare_patient_id: dexcareId.optional(),
  dexcare_token: z.string().min(1).max(4096).regex(/^[\x21-\x7e]+$/, 'printable ASCII').optional(),
  dexcare_dependents: z
    .array(z.object({ id: dexcareId, given_name: plainName, family_name: plainName, birthdate: birthDate }))
    .max(10)
    .optional(),
}).superRefine((t, ctx) => {
  // One without the other is a host's mistake: neither could be used.
  if ((t.dexcare_patient_id === undefined) !== (t.dexcare_token === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['dexcare_token'], message: 'dexcare_patient_id and dexcare_token come together' });
  }
  if (t.dexcare_dependents && t.dexcare_patient_id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dexcare_dependents'], message: 'only with dexcare_patient_id' });
  }
});
export type LaunchClaims = z.infer<typeof launchClaims>;

/** The DexCare part of verified claims, in the clinic backend's terms; undefined when the token has none. */
export function dexcareFromClaims(claims: LaunchClaims) {
  if (!claims.dexcare_patient_id || !claims.dexcare_token) return undefined;
  return {
    patientId: claims.dexcare_patient_id,
    token: claims.dexcare_token,
    dependents: (claims.dexcare_dependents ?? []).map((d) => ({ id: d.id, firstName: d.given_name, lastName: d.family_name, dob: d.birthdate })),
  };
}
export type LaunchRole = 'patient' | 'provider';

export class LaunchRefused extends Error {}

/** Records each jti until the token would have expired anyway; false when seen before. */
export interface ReplayGuard {
  firstUse(jti: string, ttlMs: number): Promise<boolean>;
}

/** The replay set in the proxy's shared store (memory, or Redis when several proxies run). */
export function createKvReplayGuard(kv: KvStore): ReplayGuard {
  return { firstUse: (jti, ttlMs) => firstUse(kv, 'jti', jti, ttlMs) };
}

export function createLaunchVerifier(launch: NonNullable<Config['launch']>, replay: ReplayGuard, now: () => number) {
  const secret = launch.secret ? new TextEncoder().encode(launch.secret) : null;
  const jwks: JWTVerifyGetKey | null = launch.jwksUrl ? createRemoteJWKSet(new URL(launch.jwksUrl), { timeoutDuration: 3000 }) : null;

  async function verify(token: string, role: LaunchRole = 'patient'): Promise<LaunchClaims> {
    const options = {
      issuer: launch.issuer,
      audience: launch.audience,
      requiredClaims: ['exp', 'jti', 'sub'],
      currentDate: new Date(now()),
      clockTolerance: 5,
    };
    let payload: unknown;
    try {
      if (secret) {
        try {
          payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
        } catch (err) {
          // A token the secret cannot verify may still be an asymmetric one from the JWKS.
          if (!jwks || !(err instanceof joseErrors.JOSEAlgNotAllowed)) throw err;
        }
      }
      if (payload === undefined && jwks) {
        payload = (await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256'] })).payload;
      }
    } catch (err) {
      throw new LaunchRefused(err instanceof Error ? err.name : 'invalid');
    }
    const claims = launchClaims.safeParse(payload);
    if (!claims.success) throw new LaunchRefused('claims');
    const nowS = Math.floor(now() / 1000);
    if (claims.data.exp - nowS > MAX_LIFETIME_SECONDS) throw new LaunchRefused('lifetime');
    // A patient's token never opens a provider session, nor a provider's a patient one.
    if ((claims.data.frontdesk_role ?? 'patient') !== role) throw new LaunchRefused('role');
    // Remembered well past `exp` by our clock: a copy of the proxy whose clock runs behind still
    // finds the jti (a TTL of exp − now would end first on the copy whose clock runs ahead).
    const ttlMs = (Math.max(0, claims.data.exp - nowS) + MAX_CLOCK_SKEW_SECONDS + 10) * 1000;
    if (!(await replay.firstUse(`${launch.issuer}:${claims.data.jti}`, ttlMs))) throw new LaunchRefused('replayed');
    return claims.data;
  }
  return { verify };
}
export type LaunchVerifier = ReturnType<typeof createLaunchVerifier>;
