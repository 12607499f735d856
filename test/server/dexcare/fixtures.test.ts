/**
 * The schemas frontdesk reads and writes DexCare with accept every shape on DexCare's v8 page as
 * it is (test/fixtures/dexcare, see its README), and refuse what the page rules out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { billingInfo, practice, regionAvailability, visitCreated, visitRequest, waitTime } from '../../../server/dexcare/schemas';
import { regionChoices } from '../../../server/dexcare/regions';

const DIR = join(import.meta.dirname, '../../fixtures/dexcare');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8'));
// Fixtures are read field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (name: string): any => fixture(name);

const SCHEMA_OF: Record<string, z.ZodType> = {
  practice,
  'availability-available': regionAvailability,
  'availability-no-regions-found': regionAvailability,
  'availability-region-busy': regionAvailability,
  'availability-off-hours': regionAvailability,
  'availability-no-oncall-providers': regionAvailability,
  waittime: waitTime,
  'visit-request': visitRequest,
  'billing-creditcard': billingInfo,
  'billing-couponcode': billingInfo,
  'billing-insurance-self': billingInfo,
  'billing-insurance-other': billingInfo,
  visit: visitCreated,
};

describe('DexCare fixtures', () => {
  it('every fixture file has a schema, and every schema entry a file', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual(Object.keys(SCHEMA_OF).sort());
  });

  it.each(Object.entries(SCHEMA_OF))('%s parses with its schema', (name, schema) => {
    const result = schema.safeParse(fixture(name));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('reads the practice with its regions, windows, price and departments', () => {
    const p = practice.parse(fixture('practice'));
    expect(p.practiceRegions[0]).toMatchObject({
      id: 'cc11788e-7d33-463d-a385-d378ff3a9966',
      availability: [{ start: '2020-11-05T03:18:25.102Z', end: '2020-11-05T03:18:25.102Z' }],
      busy: false,
      visitPrice: 49,
      departments: [{ id: 'string', ehrSystemName: 'string' }],
    });
  });

  it('reads each availability reason, and null when available', () => {
    const reasons = ['available', 'no-regions-found', 'region-busy', 'off-hours', 'no-oncall-providers'].map(
      (n) => regionAvailability.parse(fixture(`availability-${n}`)).reason,
    );
    expect(reasons).toEqual([null, 'NO_REGIONS_FOUND', 'REGION_BUSY', 'OFF_HOURS', 'NO_ONCALL_PROVIDERS']);
    expect(regionAvailability.safeParse({ available: false, reason: 'CLOSED_FOR_LUNCH' }).success).toBe(false);
  });

  it('keeps the wait time a float on the wire and reads it as whole seconds', () => {
    expect(readFileSync(join(DIR, 'waittime.json'), 'utf8')).toContain('30.0');
    expect(waitTime.parse(fixture('waittime')).estimatedWaitTimeSeconds).toBe(30);
    expect(waitTime.parse({ estimateGeneratedAt: '2020-11-05T18:00:57.867Z', estimatedWaitTimeSeconds: 299.6 }).estimatedWaitTimeSeconds).toBe(300);
    expect(waitTime.safeParse({ estimateGeneratedAt: '2020-11-05T18:00:57.867Z', estimatedWaitTimeSeconds: '30' }).success).toBe(false);
  });

  it('reads the visit answer with its TokBox sessions', () => {
    expect(visitCreated.parse(fixture('visit'))).toMatchObject({ visitId: 'string', visitRedirectUrl: 'string', tokBoxVisit: { waitingRoomSession: { sessionId: 'string' } } });
    expect(visitCreated.safeParse({ userId: 'x' }).success).toBe(false);
  });

  describe('the visit request', () => {
    const body = () => raw('visit-request');

    it('wants an actor exactly when the visit is for someone else', () => {
      const self = { ...body(), visitDetails: { ...body().visitDetails, declaration: 'self' } };
      expect(visitRequest.safeParse(self).error?.issues[0]).toMatchObject({ path: ['actor'], message: expect.stringMatching(/absent/) });
      expect(visitRequest.safeParse({ ...body(), actor: undefined }).error?.issues[0]).toMatchObject({ path: ['actor'], message: expect.stringMatching(/required/) });
      expect(visitRequest.safeParse({ ...self, actor: undefined }).success).toBe(true);
    });

    it('accepts the page’s phone formats only', () => {
      for (const phone of ['5552223334', '555-222-3334', '(555) 222-3334']) {
        expect(visitRequest.safeParse({ ...body(), patient: { ...body().patient, phone } }).success, phone).toBe(true);
      }
      for (const phone of ['555 222 3334', '+15552223334', '*', '55522233']) {
        expect(visitRequest.safeParse({ ...body(), patient: { ...body().patient, phone } }).success, phone).toBe(false);
      }
    });

    it('needs accepted terms, a real date of birth and one payment method’s fields', () => {
      expect(visitRequest.safeParse({ ...body(), visitDetails: { ...body().visitDetails, acceptedTerms: false } }).success).toBe(false);
      expect(visitRequest.safeParse({ ...body(), actor: { ...body().actor, dateOfBirth: '1980-02-30' } }).success).toBe(false);
      // A coupon body carrying an insurance field is not one of the page's shapes.
      expect(billingInfo.safeParse({ ...raw('billing-couponcode'), insuranceMemberId: 'x' }).success).toBe(false);
      expect(billingInfo.safeParse({ paymentMethod: 'insurance', couponCode: 'x' }).success).toBe(false);
      expect(billingInfo.safeParse({ ...raw('billing-insurance-self'), insuranceType: 'scanned' }).success).toBe(false);
    });
  });

  it('offers the active regions, sorted, and "Other" last', () => {
    const p = practice.parse(fixture('practice'));
    const two = {
      ...p,
      practiceRegions: [
        { ...p.practiceRegions[0]!, id: 'wa', displayName: 'Washington' },
        { ...p.practiceRegions[0]!, id: 'ca', displayName: 'California', active: false },
        { ...p.practiceRegions[0]!, id: 'id', displayName: 'Idaho' },
      ],
    };
    expect(regionChoices(two).map((r) => [r.id, r.outOfArea])).toEqual([
      ['id', false],
      ['wa', false],
      ['other', true],
    ]);
  });
});
