/**
 * A short per-member cache of visit reads (GET /visits, GET /visits/:id), in this process: a
 * waiting-room tab, a double render or a flood of reads costs VSee at most one call per path per
 * member every couple of seconds. Reads that arrive while one is under way share it (in-flight
 * coalescing), so ten tabs asking at once cost one call too.
 *
 * What was cached is forgotten when it is known to be stale: a write by the member (before and
 * after it, patient.ts), and a VSee webhook about the visit (forgetVisit, from any copy through
 * the event bus). A read under way when its entry is forgotten answers its own callers but is not
 * kept: a later caller reads VSee afresh.
 */
export interface ReadCache {
  /** The cached value, else the read of it already under way, else a new one by `load`. */
  read<T>(member: string, path: string, load: () => Promise<T>): Promise<T>;
  get<T>(member: string, path: string): T | undefined;
  set(member: string, path: string, value: unknown): void;
  forget(member: string): void;
  /** A visit changed at VSee: its reads (by anyone) and its member's list go. */
  forgetVisit(visitId: string, memberId: string | null): void;
}

const MAX_ENTRIES = 10_000;

export function createReadCache(ttlMs: number, now: () => number): ReadCache {
  const entries = new Map<string, { at: number; value: unknown }>();
  const inFlight = new Map<string, Promise<unknown>>();
  const k = (member: string, path: string) => `${member}\u0000${path}`;
  const dropWhere = (match: (key: string) => boolean) => {
    for (const key of entries.keys()) if (match(key)) entries.delete(key);
    for (const key of inFlight.keys()) if (match(key)) inFlight.delete(key);
  };

  const cache: ReadCache = {
    get<T>(member: string, path: string) {
      const e = entries.get(k(member, path));
      if (!e) return undefined;
      if (now() - e.at >= ttlMs) {
        entries.delete(k(member, path));
        return undefined;
      }
      return e.value as T;
    },
    set(member, path, value) {
      if (ttlMs <= 0) return;
      // Bounded: when full, drop the oldest (Map keeps insertion order).
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(k(member, path), { at: now(), value });
    },
    async read<T>(member: string, path: string, load: () => Promise<T>): Promise<T> {
      // VISIT_CACHE_MS=0 means every read goes to VSee: no sharing either.
      if (ttlMs <= 0) return load();
      const cached = cache.get<T>(member, path);
      if (cached !== undefined) return cached;
      const key = k(member, path);
      const running = inFlight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const p = load();
      inFlight.set(key, p);
      try {
        const value = await p;
        // Forgotten meanwhile (a write, a webhook): answer, but do not keep what may be stale.
        if (inFlight.get(key) === p) cache.set(member, path, value);
        return value;
      } finally {
        if (inFlight.get(key) === p) inFlight.delete(key);
      }
    },
    forget(member) {
      const prefix = `${member}\u0000`;
      dropWhere((key) => key.startsWith(prefix));
    },
    forgetVisit(visitId, memberId) {
      const one = `\u0000visits/${visitId}`;
      const list = memberId === null ? null : k(memberId, 'visits');
      dropWhere((key) => key.endsWith(one) || key === list || (memberId === null && key.endsWith('\u0000visits')));
    },
  };
  return cache;
}
