/**
 * Idempotency-Key records for create-visit calls: the same key while the first call runs → 409
 * `booking_pending`, after it finished → the stored answer again, with another body → 422. Kept
 * in the KvStore, so every copy of the proxy sees the same records. The store failing means 503:
 * without the record a retry could book twice (fail closed).
 */
import { noteRequest } from '../ops/request-context';
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { IDEMPOTENCY_HEADER } from '../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from './context';
import { PENDING_MESSAGE, Problem, STORE_DOWN_MESSAGE } from './problem';
import type { KvStore } from './stores/store';

type Entry =
  | { state: 'running'; bodyHash: string }
  | { state: 'done'; bodyHash: string; status: number; body: unknown };

type Claim =
  | { kind: 'new' }
  | { kind: 'running'; ttlMs: number }
  | { kind: 'mismatch' }
  | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyStore {
  claim(key: string, body: unknown): Promise<Claim>;
  /** Stores the answer to replay; `request` is the body claim() was given. */
  finish(key: string, request: unknown, status: number, body: unknown): Promise<void>;
  release(key: string): Promise<void>;
}

/** How long a stored answer is replayed. */
const DONE_TTL_MS = 24 * 60 * 60 * 1000;

const hash = (body: unknown) => createHash('sha256').update(JSON.stringify(body) ?? '').digest('hex');
const entry = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), bodyHash: z.string() }),
  z.object({ state: z.literal('done'), bodyHash: z.string(), status: z.number(), body: z.unknown() }),
]);

/**
 * `runningTtlMs`: how long a claim blocks its key while its call runs. It must outlive the whole
 * booking (BOOKING_TIMEOUT_MS), or a retry could start a second booking beside a live one; once a
 * crashed process's claim expires, the intake's "may be booked" mark (booking-mark.ts) still
 * stands guard.
 */
export function createIdempotencyStore(kv: KvStore, runningTtlMs: number): IdempotencyStore {
  const k = (key: string) => `idem:${key}`;
  return {
    async claim(key, body) {
      const bodyHash = hash(body);
      const running: Entry = { state: 'running', bodyHash };
      // Two rounds: the record may expire between a failed setIfAbsent and the get.
      for (let round = 0; round < 2; round++) {
        if (await kv.setIfAbsent(k(key), JSON.stringify(running), runningTtlMs)) return { kind: 'new' };
        const raw = await kv.get(k(key));
        if (raw === null) continue;
        const e = entry.parse(JSON.parse(raw));
        if (e.bodyHash !== bodyHash) return { kind: 'mismatch' };
        if (e.state === 'running') return { kind: 'running', ttlMs: runningTtlMs };
        return { kind: 'replay', status: e.status, body: e.body };
      }
      return { kind: 'running', ttlMs: runningTtlMs };
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

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);

/**
 * Runs a create call at most once per Idempotency-Key and patient: a double click or a retry
 * gets the first answer, never a second visit.
 */
export async function once(
  c: Context<ProxyEnv>,
  deps: ProxyDeps,
  request: unknown,
  run: () => Promise<unknown>,
  status: 200 | 201 = 201,
) {
  const parsedKey = idempotencyKey.safeParse(c.req.header(IDEMPOTENCY_HEADER));
  if (!parsedKey.success) throw new Problem(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is missing or malformed.`);
  const key = `${c.var.patient.memberId}:${parsedKey.data}`;
  let claim: Claim;
  try {
    claim = await deps.idempotency.claim(key, request);
  } catch (err) {
    deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'idempotency store failed');
    throw new Problem(503, 'upstream_unavailable', STORE_DOWN_MESSAGE, undefined, 30);
  }
  if (claim.kind === 'running') throw new Problem(409, 'booking_pending', PENDING_MESSAGE, undefined, 3);
  if (claim.kind === 'mismatch') throw new Problem(422, 'bad_request', 'This booking attempt changed; please start it again.');
  if (claim.kind === 'replay') {
    noteRequest('replay'); // for metrics: a retry, not another booking
    return c.json(claim.body, claim.status as 200 | 201);
  }
  let result: unknown;
  try {
    result = await run();
  } catch (err) {
    await deps.idempotency.release(key).catch(() => {}); // the claim expires by itself anyway
    throw err;
  }
  // The visit exists now: the patient gets it even if the store cannot record the answer.
  await deps.idempotency.finish(key, request, status, result).catch((err: Error) => {
    deps.log.error({ err: { name: err.name, message: err.message } }, 'idempotency store failed');
  });
  return c.json(result, status);
}
