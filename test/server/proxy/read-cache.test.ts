/** The per-process visit-read cache: one VSee read per member and path however many ask at once. */
import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../../server/proxy/read-cache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('read cache', () => {
  it('reads that arrive while one is under way share it, and its answer is kept for the TTL', async () => {
    const clock = { now: 0 };
    const cache = createReadCache(2000, () => clock.now);
    let loads = 0;
    const gate = deferred<string>();
    const load = () => (loads++, gate.promise);
    const tabs = Array.from({ length: 10 }, () => cache.read('m1', 'visits/1', load));
    gate.resolve('pending');
    expect(await Promise.all(tabs)).toEqual(Array(10).fill('pending'));
    expect(loads).toBe(1);
    clock.now = 1999;
    expect(await cache.read('m1', 'visits/1', async () => (loads++, 'later'))).toBe('pending');
    clock.now = 2000;
    expect(await cache.read('m1', 'visits/1', async () => (loads++, 'later'))).toBe('later');
    expect(loads).toBe(2);
    // Another member's read is their own.
    expect(await cache.read('m2', 'visits/1', async () => (loads++, 'theirs'))).toBe('theirs');
  });

  it('a read under way when its visit changes answers its callers but is not kept', async () => {
    const cache = createReadCache(2000, () => 0);
    const gate = deferred<string>();
    const before = cache.read('m1', 'visits/7', () => gate.promise);
    cache.forgetVisit('7', 'm1'); // the webhook: visit.ended
    // A read after the event does not join the old one.
    const after = cache.read('m1', 'visits/7', async () => 'completed');
    gate.resolve('in_progress');
    expect(await before).toBe('in_progress');
    expect(await after).toBe('completed');
    expect(await cache.read('m1', 'visits/7', async () => 'unused')).toBe('completed');
  });

  it('forgetVisit drops that visit for anyone and the member’s list, not their other visits', async () => {
    const cache = createReadCache(2000, () => 0);
    cache.set('m1', 'visits/7', 'a');
    cache.set('m1', 'visits/8', 'b');
    cache.set('m1', 'visits', ['a', 'b']);
    cache.set('m2', 'visits', ['c']);
    cache.forgetVisit('7', 'm1');
    expect(cache.get('m1', 'visits/7')).toBeUndefined();
    expect(cache.get('m1', 'visits')).toBeUndefined();
    expect(cache.get('m1', 'visits/8')).toBe('b');
    expect(cache.get('m2', 'visits')).toEqual(['c']);
  });

  it('with VISIT_CACHE_MS=0 every read goes to VSee', async () => {
    const cache = createReadCache(0, () => 0);
    let loads = 0;
    await Promise.all([cache.read('m', 'visits/1', async () => loads++), cache.read('m', 'visits/1', async () => loads++)]);
    expect(loads).toBe(2);
  });
});
