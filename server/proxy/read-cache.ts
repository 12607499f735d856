/**
 * A short per-member cache of visit reads (GET /visits, GET /visits/:id), in this process: a
 * waiting-room tab, a double render or a flood of reads costs VSee at most one call per path per
 * member every couple of seconds. Any write by the member forgets what was cached for them.
 */
export interface ReadCache {
  get<T>(member: string, path: string): T | undefined;
  set(member: string, path: string, value: unknown): void;
  forget(member: string): void;
}

const MAX_ENTRIES = 10_000;

export function createReadCache(ttlMs: number, now: () => number): ReadCache {
  const entries = new Map<string, { at: number; value: unknown }>();
  const k = (member: string, path: string) => `${member}\u0000${path}`;
  return {
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
    forget(member) {
      const prefix = `${member}\u0000`;
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
