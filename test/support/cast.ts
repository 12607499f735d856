/**
 * The named characters of every test layer — component, server, security and browser tests — so a
 * name means one person everywhere (as Medplum's mock data does). The providers and the seeded
 * patient are the sandbox's own (server/vsee-sandbox/seed.ts); the patients who book are ours.
 */
import { SEED_PATIENT, SEED_PROVIDERS } from '../../server/vsee-sandbox/seed';
import type { GuestSessionRequest, Session } from '../../src/api/contract';

/** Maya is a new patient: she fills in the details form (or the guest-session call) in most tests. */
export const maya = {
  firstName: 'Maya',
  lastName: 'Reyes',
  dob: '1988-04-12',
  email: 'maya.reyes@example.com',
  phone: '555-201-7788',
  state: 'CA',
  stateName: 'California',
  reason: 'Sore throat and fever since Sunday',
} as const;

/** What Maya sends to start a guest session (POST /api/session/guest). */
export const mayaAsGuest: GuestSessionRequest = {
  firstName: maya.firstName,
  lastName: maya.lastName,
  dob: maya.dob,
  email: maya.email,
  phone: maya.phone,
};

export const mayaSession: Session = { firstName: maya.firstName, lastName: maya.lastName, expiresAt: '2099-01-01T00:00:00.000Z' };

/** Jordan is signed in on the health system's site, which launches them into the embedded frame. */
export const jordanLaunched: Session = {
  firstName: 'Jordan',
  lastName: 'Rivera',
  expiresAt: '2099-01-01T00:00:00.000Z',
  launched: true,
};

const doctor = (code: string) => {
  const p = SEED_PROVIDERS.find((provider) => provider.code === code);
  if (!p) throw new Error(`no sandbox provider ${code}`);
  return `Dr. ${p.firstName} ${p.lastName}`;
};

/** The sandbox clinic's providers, by the names the pages show. */
export const doctors = {
  okafor: doctor('sandbox-provider-okafor'),
  herrera: doctor('sandbox-provider-herrera'),
  chen: doctor('sandbox-provider-chen'),
} as const;

/** Maria Lopez is the sandbox's seeded patient, with visits already on the books. */
export const maria = SEED_PATIENT;
