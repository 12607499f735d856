/**
 * Sandbox mode only: what the health system's sign-in would give a guest on frontdesk's own page —
 * a DexCare patient and a bearer token — made by the sandbox's `POST control/patients`
 * (docs/decisions/014). Never used against a real DexCare: it has no such call.
 */
import { z } from 'zod';
import type { SignIn } from '../backend/clinic-backend';

const created = z.object({ patientId: z.string().min(1), token: z.string().min(1) });

/** `base`: where the sandbox is mounted, ending in "/" (the same base `api/8/…` is joined to). */
export function sandboxGuestPatients(base: string, fetch: (req: Request) => Promise<Response>) {
  return async (who: SignIn): Promise<{ patientId: string; token: string }> => {
    const phone = who.phone?.replace(/\D/g, '').slice(-10);
    const res = await fetch(
      new Request(new URL('control/patients', base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          firstName: who.firstName,
          lastName: who.lastName,
          dateOfBirth: who.dob ?? '1990-01-01',
          ...(who.email ? { email: who.email } : {}),
          ...(phone && phone.length === 10 ? { phone } : {}),
        }),
        signal: AbortSignal.timeout(5000),
      }),
    );
    if (res.status !== 201) throw new Error(`DexCare sandbox refused a guest patient (${res.status})`);
    return created.parse(await res.json());
  };
}
