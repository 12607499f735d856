/**
 * Signs a launch token the way a health system's server would (HS256 with the shared secret).
 * Used by the demo host, `npm run launch-token` and tests; docs/embedding.md shows the same in a
 * host's own code.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface LaunchPatient {
  sub: string;
  givenName: string;
  familyName: string;
  birthdate?: string;
  email?: string;
  phone?: string;
  /** DexCare mode (docs/decisions/014): the patient's DexCare GUID, bearer token and linked dependents. */
  dexcare?: {
    patientId: string;
    token: string;
    dependents?: Array<{ id: string; givenName: string; familyName: string; birthdate: string }>;
  };
}

export async function signLaunchToken(
  patient: LaunchPatient,
  opts: { secret: string; issuer: string; audience: string; ttlSeconds?: number; now?: number; role?: 'provider' },
): Promise<string> {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  return new SignJWT({
    given_name: patient.givenName,
    family_name: patient.familyName,
    ...(patient.birthdate ? { birthdate: patient.birthdate } : {}),
    ...(patient.email ? { email: patient.email } : {}),
    ...(patient.phone ? { phone_number: patient.phone } : {}),
    ...(patient.dexcare
      ? {
          dexcare_patient_id: patient.dexcare.patientId,
          dexcare_token: patient.dexcare.token,
          ...(patient.dexcare.dependents?.length
            ? { dexcare_dependents: patient.dexcare.dependents.map((d) => ({ id: d.id, given_name: d.givenName, family_name: d.familyName, birthdate: d.birthdate })) }
            : {}),
        }
      : {}),
    // A provider's launch (VSee provider use case 1); a patient's token carries no role.
    ...(opts.role ? { frontdesk_role: opts.role } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(patient.sub)
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (opts.ttlSeconds ?? 120))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(opts.secret));
}
