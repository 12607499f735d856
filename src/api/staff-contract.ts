/**
 * The staff part of the API (SPA ⇄ proxy), for providers launched by their health system
 * (VSee provider use case 1). A provider session is another kind than a patient's: its own
 * cookie and key, checked on every staff call; no patient call accepts it.
 */
import { z } from 'zod/mini';

/** POST /api/staff/launch `{token}` → the signed-in provider. */
export const staffSession = z.object({
  firstName: z.string(),
  lastName: z.string(),
  /** When the session ends at the latest (absolute limit), ISO. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type StaffSession = z.infer<typeof staffSession>;

/** GET /api/staff/session: who is signed in as a provider; nobody is an answer (200), not an error. */
export const staffSessionState = z.discriminatedUnion('signedIn', [
  z.extend(staffSession, { signedIn: z.literal(true) }),
  z.object({ signedIn: z.literal(false) }),
]);
export type StaffSessionState = z.infer<typeof staffSessionState>;

/** POST /api/staff/handoff → the provider's VSee dashboard, signed in by a token minted just now. */
export const staffHandoff = z.object({ url: z.url({ protocol: /^https?$/ }) });
export type StaffHandoff = z.infer<typeof staffHandoff>;

export const STAFF_PATHS = {
  launch: '/api/staff/launch',
  session: '/api/staff/session',
  handoff: '/api/staff/handoff',
} as const;
