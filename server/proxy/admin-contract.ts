/**
 * The provisioning API's contract (`POST /api/admin/providers`), for the health system's server
 * and `npm run provision`. Never used by the SPA: it is not part of the patient API.
 */
import { z } from 'zod';

/** Room slugs as VSee writes them (`provider00102`, `uat2`): lowercase letters, digits, - and _. */
export const roomSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1–64 lowercase letters, digits, "-" or "_", starting with a letter or digit');

export const provisionRequest = z.strictObject({
  /** The health system's own id of the provider; it becomes their VSee user code. */
  code: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    // Guest patients' codes are "fd-…": a provider must never be given one.
    .refine((s) => !s.startsWith('fd-'), 'must not start with "fd-" (reserved)'),
  firstName: z.string().trim().min(1).max(64),
  lastName: z.string().trim().min(1).max(64),
  email: z.email().max(254).optional(),
  room: z.strictObject({ name: z.string().trim().min(1).max(128), slug: roomSlug }),
});
export type ProvisionRequest = z.infer<typeof provisionRequest>;

/** The same answer however often a provider is provisioned: 201 when the room was made now, else 200. */
export const provisionResult = z.object({
  providerId: z.string(),
  roomCode: z.string(),
  /** Where the provider's patients book: `{PUBLIC_URL}/r/{roomCode}`. */
  patientUrl: z.url({ protocol: /^https?$/ }),
});
export type ProvisionResult = z.infer<typeof provisionResult>;
