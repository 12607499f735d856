/**
 * The DexCare sandbox must answer like DexCare's page: for every response shape (test/fixtures/
 * dexcare), the sandbox's answer has every key path of the sample with the same JSON type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRACTICE_ID, REGION } from '../../../server/dexcare-sandbox/seed';
import { compareSkeleton } from '../vsee-sandbox/skeleton';
import { setup, type Raw } from './support';

const FIXTURES = join(import.meta.dirname, '../../fixtures/dexcare');
const sample = (name: string): Raw => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
const CLEAN = { drift: [], unchecked: [] };

async function answer(res: Response): Promise<Raw> {
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describe('DexCare sandbox answers have the page’s fields and JSON types', () => {
  it('GET api/8/DexCare/practices/{practiceId}', async () => {
    const t = setup();
    const p = await answer(await t.api(`DexCare/practices/${PRACTICE_ID}`));
    expect(compareSkeleton(sample('practice'), p, { root: '$' })).toEqual(CLEAN);
    // Every region, not only the first, and every one with windows and a department.
    for (const r of p.practiceRegions) {
      expect(compareSkeleton(sample('practice').practiceRegions[0], r, { root: r.displayName })).toEqual(CLEAN);
    }
  });

  it.each([
    ['availability-available', REGION.washington],
    ['availability-region-busy', REGION.oregon],
    ['availability-off-hours', REGION.montana],
    ['availability-no-oncall-providers', REGION.idaho],
    ['availability-no-regions-found', REGION.california],
  ])('GET api/8/practiceRegions/{id}/availability: %s', async (name, id) => {
    const t = setup();
    const a = await answer(await t.api(`practiceRegions/${id}/availability`));
    expect(compareSkeleton(sample(name), a, { root: '$' })).toEqual(CLEAN);
    expect(a).toEqual(sample(name));
  });

  it('GET api/8/practiceRegions/{id}/waittime, a float on the wire as in the sample', async () => {
    const t = setup();
    const res = await t.api(`practiceRegions/${REGION.washington}/waittime`);
    const text = await res.clone().text();
    expect(text).toMatch(/"estimatedWaitTimeSeconds":\d+\.0\}/);
    expect(compareSkeleton(sample('waittime'), await answer(res), { root: '$' })).toEqual(CLEAN);
  });

  it.each(['self', 'other'] as const)('POST api/8/practices/{practiceId}/visits (%s)', async (who) => {
    const t = setup();
    const v = await answer(await t.createVisit(who === 'self' ? t.selfBody() : t.otherBody()));
    expect(compareSkeleton(sample('visit'), v, { root: '$' })).toEqual(CLEAN);
  });

  it('the bodies the tests send are the page’s request shapes', async () => {
    const t = setup();
    const req = sample('visit-request');
    // line2 is the page's one optional field ("optional").
    expect(compareSkeleton(req, t.otherBody(), { root: '$', mayBeAbsent: ['$.patient.address.line2'] })).toEqual(CLEAN);
    expect(compareSkeleton(sample('billing-insurance-other'), t.otherBody().billingInfo, { root: '$' })).toEqual(CLEAN);
    expect(compareSkeleton(sample('billing-couponcode'), t.selfBody().billingInfo, { root: '$' })).toEqual(CLEAN);
  });
});
