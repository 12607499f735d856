/**
 * The wait estimator's maths (decision 065): an exponentially decayed mean whose weights halve
 * every half-life, silent below MIN_SAMPLES. Expected values are worked out here from the inputs,
 * by the definition (Σ wᵢxᵢ / Σ wᵢ with wᵢ = 2^(−ageᵢ / half-life)), not pinned.
 */
import { describe, expect, it } from 'vitest';
import { roundWait } from '../../../server/backend/clinic-backend';
import { createLogger } from '../../../server/proxy/logger';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import { addSample, createWaitEstimates, decay, estimateSeconds, HALF_LIFE_MS, MAX_SAMPLE_MS, MIN_SAMPLES, type WaitSums } from '../../../server/proxy/wait-estimate';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 15, 0);

/** The definition, computed directly over all samples as of the newest one. */
function byDefinition(samples: Array<{ seconds: number; at: number }>): number {
  const newest = Math.max(...samples.map((s) => s.at));
  const w = samples.map((s) => 2 ** (-(newest - s.at) / HALF_LIFE_MS));
  return samples.reduce((sum, s, i) => sum + w[i]! * s.seconds, 0) / w.reduce((a, b) => a + b, 0);
}

const fold = (samples: Array<{ seconds: number; at: number }>) => samples.reduce<WaitSums | null>((acc, s) => addSample(acc, s.seconds, s.at), null);

describe('the decayed mean', () => {
  it('halves a weight every half-life', () => {
    expect(decay(0)).toBe(1);
    expect(decay(HALF_LIFE_MS)).toBeCloseTo(0.5, 12);
    expect(decay(3 * HALF_LIFE_MS)).toBeCloseTo(0.125, 12);
  });

  it('says nothing below MIN_SAMPLES, then the weighted mean', () => {
    const samples = [
      { seconds: 10 * 60, at: T0 },
      { seconds: 20 * 60, at: T0 + 30 * MIN },
      { seconds: 40 * 60, at: T0 + 90 * MIN },
      { seconds: 25 * 60, at: T0 + 100 * MIN },
    ];
    for (let n = 1; n < MIN_SAMPLES; n++) expect(estimateSeconds(fold(samples.slice(0, n)))).toBeNull();
    for (let n = MIN_SAMPLES; n <= samples.length; n++) {
      expect(estimateSeconds(fold(samples.slice(0, n)))).toBeCloseTo(byDefinition(samples.slice(0, n)), 9);
    }
  });

  it('weights recent waits more than the plain mean does', () => {
    // Long waits long ago, short ones now: the estimate sits nearer the recent ones.
    const samples = [
      { seconds: 50 * 60, at: T0 },
      { seconds: 50 * 60, at: T0 + 10 * MIN },
      { seconds: 10 * 60, at: T0 + 180 * MIN },
      { seconds: 10 * 60, at: T0 + 190 * MIN },
    ];
    const plain = samples.reduce((a, s) => a + s.seconds, 0) / samples.length;
    const est = estimateSeconds(fold(samples))!;
    expect(est).toBeLessThan(plain);
    expect(est).toBeCloseTo(byDefinition(samples), 9);
  });

  it('gives the same answer whatever order the samples arrive in', () => {
    const samples = [
      { seconds: 7 * 60, at: T0 + 45 * MIN },
      { seconds: 30 * 60, at: T0 },
      { seconds: 12 * 60, at: T0 + 80 * MIN },
      { seconds: 3 * 60, at: T0 + 20 * MIN },
    ];
    const inOrder = [...samples].sort((a, b) => a.at - b.at);
    expect(estimateSeconds(fold(samples))).toBeCloseTo(estimateSeconds(fold(inOrder))!, 9);
    expect(estimateSeconds(fold(samples))).toBeCloseTo(byDefinition(samples), 9);
  });

  it('is told in whole 5 minutes, rounded up, and "more than an hour" above 60', () => {
    const samples = [0, 1, 2].map((i) => ({ seconds: (11 + i) * 60, at: T0 + i * MIN }));
    const est = estimateSeconds(fold(samples))!;
    expect(roundWait(est)).toEqual({ minutes: Math.ceil(est / 60 / 5) * 5, moreThanAnHour: false });
    const long = [0, 1, 2].map((i) => ({ seconds: (70 + i) * 60, at: T0 + i * MIN }));
    expect(roundWait(estimateSeconds(fold(long))!)).toEqual({ minutes: 60, moreThanAnHour: true });
  });
});

describe('learning from walk-ins that start', () => {
  const setup = () => {
    let now = T0;
    const kv = createMemoryStore(() => now);
    return { kv, waits: createWaitEstimates(kv, { log: createLogger('silent') }), at: (t: number) => (now = t) };
  };

  it('learns join → start once per visit, per room', async () => {
    const { waits } = setup();
    const waitsMin = [8, 14, 23];
    for (const [i, w] of waitsMin.entries()) {
      const joined = T0 + i * 30 * MIN;
      await waits.joined(`v${i}`, 'room-a', joined);
      await waits.started(`v${i}`, joined + w * MIN);
      // A second report of the same start (another copy's webhook, a poll) is not a second sample.
      await waits.started(`v${i}`, joined + (w + 5) * MIN);
    }
    const expected = byDefinition(waitsMin.map((w, i) => ({ seconds: w * 60, at: T0 + i * 30 * MIN + w * MIN })));
    expect(await waits.estimate('room-a')).toBeCloseTo(expected, 6);
    expect(await waits.estimate('room-b')).toBeNull();
  });

  it('ignores starts of visits it never saw join, and waits too long to be waits', async () => {
    const { waits } = setup();
    for (let i = 0; i < MIN_SAMPLES; i++) await waits.started(`unknown${i}`, T0);
    await waits.joined('left-open', 'room-a', T0);
    await waits.started('left-open', T0 + MAX_SAMPLE_MS + MIN);
    expect(await waits.estimate('room-a')).toBeNull();
  });

  it('forgets a room where no walk-in started for STALE_MS', async () => {
    const { waits, at } = setup();
    for (let i = 0; i < MIN_SAMPLES; i++) {
      await waits.joined(`v${i}`, 'room-a', T0);
      await waits.started(`v${i}`, T0 + 10 * MIN);
    }
    at(T0 + 10 * MIN);
    expect(await waits.estimate('room-a')).toBeCloseTo(10 * 60, 6);
    at(T0 + 10 * MIN + 3 * 60 * MIN + 1);
    expect(await waits.estimate('room-a')).toBeNull();
  });
});
