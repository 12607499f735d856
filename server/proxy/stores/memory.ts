/**
 * The in-memory KvStore: one process, no dependencies. Expired entries are dropped when read and
 * swept now and then, so memory stays bounded by what is live.
 */
import type { KvStore } from './store';

interface Entry {
  value: string;
  expires: number;
}

const SWEEP_EVERY_MS = 60_000;

export function createMemoryStore(now: () => number = Date.now): KvStore {
  const entries = new Map<string, Entry>();
  let lastSweep = now();

  function live(key: string): Entry | undefined {
    const t = now();
    if (t - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = t;
      for (const [k, e] of entries) if (e.expires <= t) entries.delete(k);
    }
    const e = entries.get(key);
    if (e && e.expires <= t) {
      entries.delete(key);
      return undefined;
    }
    return e;
  }

  return {
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      entries.set(key, { value, expires: now() + ttlMs });
      return true;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      live(key);
      entries.set(key, { value, expires: now() + ttlMs });
    },
    async del(key) {
      entries.delete(key);
    },
    async swap(key, expected, next, ttlMs) {
      if (live(key)?.value !== expected) return false;
      if (next === null) entries.delete(key);
      else entries.set(key, { value: next, expires: now() + ttlMs });
      return true;
    },
    async incr(key, ttlMs) {
      const e = live(key);
      if (!e) {
        entries.set(key, { value: '1', expires: now() + ttlMs });
        return { count: 1, ttlMs };
      }
      const count = Number(e.value) + 1;
      e.value = String(count);
      return { count, ttlMs: e.expires - now() };
    },
    ready: () => true,
    async close() {
      entries.clear();
    },
  };
}
