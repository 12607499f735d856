/**
 * Idempotency-Key records for create-visit calls: the same key while the first call runs → 409,
 * after it finished → the stored answer again, with another body → 422. Kept in the KvStore, so
 * every copy of the proxy sees the same records.
 */
import { createHash } from 'node:crypto';
import type { KvStore } from './stores/store';

type Entry =
  | { state: 'running'; bodyHash: string }
  | { state: 'done'; bodyHash: string; status: number; body: unknown };

export type Claim =
  | { kind: 'new' }
  | { kind: 'running' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyStore {
  claim(key: string, body: unknown): Promise<Claim>;
  /** Stores the answer to replay; `request` is the body claim() was given. */
  finish(key: string, request: unknown, status: number, body: unknown): Promise<void>;
  release(key: string): Promise<void>;
}

/** How long a stored answer is replayed. */
export const DONE_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a claim blocks the key while its call runs: far longer than any create call can take
 * (each VSee call is bounded by VSEE_TIMEOUT_MS), short enough that a crashed process does not
 * block the patient's retry for long.
 */
export const RUNNING_TTL_MS = 2 * 60 * 1000;

const hash = (body: unknown) => createHash('sha256').update(JSON.stringify(body) ?? '').digest('hex');

export function createIdempotencyStore(kv: KvStore): IdempotencyStore {
  const k = (key: string) => `idem:${key}`;
  return {
    async claim(key, body) {
      const bodyHash = hash(body);
      const running: Entry = { state: 'running', bodyHash };
      // Two rounds: the record may expire between a failed setIfAbsent and the get.
      for (let round = 0; round < 2; round++) {
        if (await kv.setIfAbsent(k(key), JSON.stringify(running), RUNNING_TTL_MS)) return { kind: 'new' };
        const raw = await kv.get(k(key));
        if (raw === null) continue;
        const e = JSON.parse(raw) as Entry;
        if (e.bodyHash !== bodyHash) return { kind: 'mismatch' };
        if (e.state === 'running') return { kind: 'running' };
        return { kind: 'replay', status: e.status, body: e.body };
      }
      return { kind: 'running' };
    },
    async finish(key, request, status, body) {
      const done: Entry = { state: 'done', bodyHash: hash(request), status, body };
      await kv.set(k(key), JSON.stringify(done), DONE_TTL_MS);
    },
    async release(key) {
      await kv.del(k(key));
    },
  };
}
