/**
 * The DexCare sandbox's starting state: the practice "Riverside Virtual Care" with regions in
 * each availability state, two on-call providers, a coupon code and a family of patients. Ids
 * are fixed GUIDs so that demos, tests and configuration can name them.
 */
import { zonedParts } from '../vsee-sandbox/time';
import type { Hours, Region, Store } from './store';

export const PRACTICE_ID = '4f9a2d3e-8c1b-4e7a-9f60-2b5d7c3a1e84';
export const BRAND = 'riverside';
export const EHR_SYSTEM = 'RIVERSIDE_EPIC';

export const REGION = {
  /** Open around the clock, two providers on call. */
  washington: 'b1c8e0d2-3f4a-4b5c-8d6e-7f8091a2b3c4',
  /** Open, but staff have marked it busy: REGION_BUSY. */
  oregon: 'c2d9f1e3-4a5b-4c6d-9e7f-8091a2b3c4d5',
  /** Open daily for 8 hours starting 2 hours after a reset: OFF_HOURS at the start of any demo. */
  montana: 'cc11788e-7d33-463d-a385-d378ff3a9966',
  /** Open, nobody on call: NO_ONCALL_PROVIDERS. */
  idaho: 'd3e0a2f4-5b6c-4d7e-8f80-91a2b3c4d5e6',
  /** Not active: not offered, and NO_REGIONS_FOUND when asked. */
  california: 'e4f1b3a5-6c7d-4e8f-9091-a2b3c4d5e6f7',
} as const;

export const PROVIDERS = [
  { id: 'f5a2c4b6-7d8e-4f90-a1b2-c3d4e5f6a7b8', name: 'Dr. Priya Natarajan' },
  { id: 'a6b3d5c7-8e9f-4a01-b2c3-d4e5f6a7b8c9', name: 'Dr. Samuel Brooks' },
] as const;
const [NATARAJAN, BROOKS] = PROVIDERS;

/** Accepted as `couponCode` (a service key), compared without regard to case. */
export const COUPON_CODE = 'RIVERSIDE-CARE';

/**
 * A guardian and his daughter. Daniel's bearer token is what the health system's sign-in would
 * hand frontdesk; Sofia is his dependent (declaration "other").
 */
export const SEED_GUARDIAN = {
  id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  userId: '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e',
  token: 'sandbox-dexcare-token-daniel-reyes',
  firstName: 'Daniel',
  lastName: 'Reyes',
  dateOfBirth: '1986-09-14',
  email: 'daniel.reyes@example.com',
  phone: '5095550187',
} as const;

export const SEED_DEPENDENT = {
  id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  userId: '3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a',
  firstName: 'Sofia',
  lastName: 'Reyes',
  dateOfBirth: '2017-03-02',
  email: 'daniel.reyes@example.com',
  phone: '5095550187',
} as const;

export const DEFAULT_BUSY_MESSAGE = 'We are seeing more patients than usual. Please try again in a little while.';

const ALWAYS: Hours = { kind: 'always' };

function region(r: Omit<Region, 'practiceId' | 'busyMessage' | 'departments' | 'paymentAccountId'> & { departmentId: string; epicId: string; busyMessage?: string }): Region {
  const { departmentId, epicId, busyMessage, ...rest } = r;
  return {
    ...rest,
    practiceId: PRACTICE_ID,
    busyMessage: busyMessage ?? '',
    paymentAccountId: `acct_sandbox_${r.regionCode.toLowerCase()}`,
    departments: [
      {
        id: departmentId,
        epicDepartmentId: epicId,
        ehrSystemName: EHR_SYSTEM,
        defaultDepartmentName: `Riverside Virtual Urgent Care ${r.regionCode}`,
      },
    ],
  };
}

export function seed(store: Store, nowMs: number) {
  store.clear();
  store.practices.set(PRACTICE_ID, {
    id: PRACTICE_ID,
    displayName: 'Riverside Virtual Care',
    careMode: 'virtual',
    // No real card field exists in the sandbox, so self-pay (Stripe) is off.
    payment: { insurance: true, selfPay: false, serviceKey: true },
    epicBookingEnabled: true,
    brand: BRAND,
  });
  for (const p of PROVIDERS) store.providers.set(p.id, { ...p });

  const montanaOpens = (zonedParts(nowMs + 2 * 3600_000, 'America/Denver').hour % 24) * 60;
  const regions: Region[] = [
    region({ id: REGION.washington, displayName: 'Washington', regionCode: 'WA', timeZone: 'America/Los_Angeles', active: true, busy: false, visitPrice: 59, hours: ALWAYS, onCall: [NATARAJAN.id, BROOKS.id], departmentId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', epicId: '10501001' }),
    region({ id: REGION.oregon, displayName: 'Oregon', regionCode: 'OR', timeZone: 'America/Los_Angeles', active: true, busy: true, busyMessage: DEFAULT_BUSY_MESSAGE, visitPrice: 59, hours: ALWAYS, onCall: [BROOKS.id], departmentId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e', epicId: '10501002' }),
    region({ id: REGION.montana, displayName: 'Montana', regionCode: 'MT', timeZone: 'America/Denver', active: true, busy: false, visitPrice: 49, hours: { kind: 'daily', from: montanaOpens, minutes: 8 * 60 }, onCall: [NATARAJAN.id], departmentId: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f', epicId: '10501003' }),
    region({ id: REGION.idaho, displayName: 'Idaho', regionCode: 'ID', timeZone: 'America/Boise', active: true, busy: false, visitPrice: 49, hours: ALWAYS, onCall: [], departmentId: '0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a', epicId: '10501004' }),
    region({ id: REGION.california, displayName: 'California', regionCode: 'CA', timeZone: 'America/Los_Angeles', active: false, busy: false, visitPrice: 69, hours: ALWAYS, onCall: [BROOKS.id], departmentId: '1e2f3a4b-5c6d-4e7f-8a8b-9c0d1e2f3a4b', epicId: '10501005' }),
  ];
  for (const r of regions) store.regions.set(r.id, r);

  store.coupons.add(COUPON_CODE);

  const { token, ...guardian } = SEED_GUARDIAN;
  store.patients.set(guardian.id, { ...guardian, dependents: [SEED_DEPENDENT.id] });
  store.patients.set(SEED_DEPENDENT.id, { ...SEED_DEPENDENT, dependents: [] });
  store.tokens.set(token, guardian.id);
}

/**
 * Insurance providers the sandbox practice bills (assumption: v8 documents no list call; the
 * health system's DexCare contact gives the ids, set in DEXCARE_INSURERS).
 */
export const INSURANCE_PROVIDERS = [
  { id: 'sandbox-payer-1', name: 'Riverside Health Plan' },
  { id: 'sandbox-payer-2', name: 'Cascade Mutual' },
  { id: 'sandbox-payer-3', name: 'Evergreen Medicaid' },
] as const;
