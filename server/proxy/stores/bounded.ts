/**
 * Every shared-store call within a few hundred milliseconds (REDIS_TIMEOUT_MS). A store that is
 * connected but silent (a failover blackholing packets) would otherwise hold a patient's request
 * for as long as it stalls. Each caller decides what a failure means: rate limits and caches fail
 * open, idempotency, booking marks, launch replays and revocations fail closed.
 */
import type { KvStore } from './store';

export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

export function boundedStore(kv: KvStore, timeoutMs: number): KvStore {
  function bound<T>(op: string, work: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailable(`shared store: ${op} took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    // A command that answers after we gave up must not become an unhandled rejection.
    work.catch(() => {});
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }
  return {
    setIfAbsent: (key, value, ttlMs) => bound('setIfAbsent', kv.setIfAbsent(key, value, ttlMs)),
    get: (key) => bound('get', kv.get(key)),
    set: (key, value, ttlMs) => bound('set', kv.set(key, value, ttlMs)),
    del: (key) => bound('del', kv.del(key)),
    swap: (key, expected, next, ttlMs) => bound('swap', kv.swap(key, expected, next, ttlMs)),
    incr: (key, ttlMs) => bound('incr', kv.incr(key, ttlMs)),
    ready: () => kv.ready(),
    close: () => kv.close(),
  };
}
