/**
 * The proxy's only shared state (DESIGN.md, Scale): the launch-token `jti` replay set,
 * Idempotency-Key records and rate-limit counters all sit behind this one small interface. One
 * process keeps them in memory; several copies behind a load balancer share Redis (REDIS_URL).
 *
 * Keys are namespaced by their user: `jti:…` (launch), `idem:…` (idempotency), `rl:…` (rate
 * limits), `book:…` (an intake's "may be booked" / "booked" mark). Values are strings; TTLs are milliseconds
 * and always required, so nothing lives forever.
 */
export interface KvStore {
  /** Stores `value` only when `key` is absent (or expired); true when it did. Atomic. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Stores `value`, replacing any earlier one, with a fresh TTL. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Replaces the value only while it still is `expected` (compare-and-set), with a fresh TTL;
   * `next === null` deletes it. True when it did. Atomic.
   */
  swap(key: string, expected: string, next: string | null, ttlMs: number): Promise<boolean>;
  /**
   * Adds one to a counter. The first increment starts its window of `ttlMs`; later ones do not
   * extend it. Answers the new count and how long the window still runs. Atomic.
   */
  incr(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Whether the store is connected and usable right now (readiness; memory: always). */
  ready(): boolean;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Marks `id` as used once within `ttlMs` (e.g. a launch token's `jti` until its `exp`): true the
 * first time, false on every replay.
 */
export function firstUse(kv: KvStore, namespace: string, id: string, ttlMs: number): Promise<boolean> {
  return kv.setIfAbsent(`${namespace}:${id}`, '1', Math.max(1, Math.ceil(ttlMs)));
}
