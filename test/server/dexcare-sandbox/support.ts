/** Test helpers: the DexCare sandbox mounted the way the host mounts it, on a clock the test controls. */
import { Hono } from 'hono';
import { createDexcareSandbox } from '../../../server/dexcare-sandbox/index';
import { COUPON_CODE, EHR_SYSTEM, PRACTICE_ID, REGION, SEED_DEPENDENT, SEED_GUARDIAN } from '../../../server/dexcare-sandbox/seed';

/** Wednesday 5 March 2025, 10:00 in Seattle. */
export const T0 = Date.UTC(2025, 2, 5, 18, 0, 0);
export const MOUNT = '/sandbox/dexcare';

// Raw JSON is inspected field by field in the tests, as DexCare's types are the point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

export function setup(startMs = T0) {
  const clock = { ms: startMs };
  const sandbox = createDexcareSandbox({ now: () => clock.ms, basePath: MOUNT, publicOrigin: 'http://localhost:8080' });
  const host = new Hono().route(MOUNT, sandbox.app);
  const request = (path: string, init?: RequestInit) => host.request(`${MOUNT}${path}`, init);
  const api = (path: string, init?: RequestInit) => request(`/api/8/${path}`, init);

  const departmentOf = (regionId: string) => sandbox.store.regions.get(regionId)!.departments[0]!.id;

  /** A valid body for the seeded guardian booking for himself with the coupon code, in Washington. */
  const selfBody = (regionId: string = REGION.washington): Raw => ({
    patient: {
      identifier: SEED_GUARDIAN.id,
      phone: SEED_GUARDIAN.phone,
      email: SEED_GUARDIAN.email,
      address: { line1: '12 River Road', city: 'Spokane', state: 'WA', postalCode: '99201' },
    },
    billingInfo: { paymentMethod: 'couponcode', couponCode: COUPON_CODE },
    visitDetails: {
      practiceRegionId: regionId,
      ehrSystemName: EHR_SYSTEM,
      departmentId: departmentOf(regionId),
      visitReason: 'Sore throat and fever since yesterday',
      declaration: 'self',
      acceptedTerms: true,
      preTriageTags: ['fever'],
    },
  });

  /** The guardian books for his daughter Sofia, on her insurance. */
  const otherBody = (regionId: string = REGION.washington): Raw => {
    const b = selfBody(regionId);
    return {
      ...b,
      patient: { ...b.patient, identifier: SEED_DEPENDENT.id },
      actor: { firstName: SEED_GUARDIAN.firstName, lastName: SEED_GUARDIAN.lastName, phone: '509-555-0187', dateOfBirth: SEED_GUARDIAN.dateOfBirth },
      billingInfo: {
        paymentMethod: 'insurance',
        declaration: 'other',
        firstName: SEED_GUARDIAN.firstName,
        lastName: SEED_GUARDIAN.lastName,
        gender: 'male',
        dateOfBirth: SEED_GUARDIAN.dateOfBirth,
        insuranceType: 'manual',
        insuranceProviderId: 'sandbox-payer-1',
        insuranceMemberId: 'RVS123456789',
      },
      visitDetails: { ...b.visitDetails, declaration: 'other' },
    };
  };

  const createVisit = (body: unknown, token: string | null = SEED_GUARDIAN.token, practiceId = PRACTICE_ID) =>
    api(`practices/${practiceId}/visits`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const control = (path: string, body?: unknown) =>
    request(`/control/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  return { clock, sandbox, host, request, api, selfBody, otherBody, createVisit, control };
}
