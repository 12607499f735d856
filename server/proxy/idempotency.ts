/**
 * Idempotency-Key records for create-visit calls: the same key while the first call runs → 409,
 * after it finished → the stored answer again, with another body → 422. In memory for one
 * process; the interface is small so a shared store can stand behind it.
 */
import { createHash } from 'node:crypto';

type Entry =
  | { state: 'running'; bodyHash: string; expires: number }
  | { state: 'done'; bodyHash: string; expires: number; status: number; body: unknown };

export type Claim =
  | { kind: 'new' }
  | { kind: 'running' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyStore {
  claim(key: string, body: unknown): Claim;
  finish(key: string, status: number, body: unknown): void;
  release(key: string): void;
}

const TTL_MS = 24 * 60 * 60 * 1000;
const hash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export function createMemoryIdempotencyStore(now: () => number = Date.now): IdempotencyStore {
  const entries = new Map<string, Entry>();
  const sweep = () => {
    const t = now();
    for (const [k, e] of entries) if (e.expires < t) entries.delete(k);
  };
  return {
    claim(key, body) {
      sweep();
      const h = hash(body);
      const e = entries.get(key);
      if (!e) {
        entries.set(key, { state: 'running', bodyHash: h, expires: now() + TTL_MS });
        return { kind: 'new' };
      }
      if (e.bodyHash !== h) return { kind: 'mismatch' };
      if (e.state === 'running') return { kind: 'running' };
      return { kind: 'replay', status: e.status, body: e.body };
    },
    finish(key, status, body) {
      const e = entries.get(key);
      if (e) entries.set(key, { state: 'done', bodyHash: e.bodyHash, expires: now() + TTL_MS, status, body });
    },
    release(key) {
      entries.delete(key);
    },
  };
}
