/**
 * How long a walk-in waits, where the vendor has no call to say (VSee): frontdesk learns it from
 * the walk-ins it booked — the time from joining the queue to the provider starting the visit,
 * which it hears from VSee's webhooks or its own reads of the visit — and keeps one estimate per
 * room in the shared store, so every copy of the proxy learns from and answers with the same one
 * (docs/decisions/065-wait-estimate.md).
 *
 * The estimate is an exponentially decayed mean: a sample's weight halves every HALF_LIFE_MS of
 * age, so the last hour's waits count most. Below MIN_SAMPLES samples, or when no walk-in has
 * started for STALE_MS, there is no estimate: saying nothing beats saying something wrong.
 *
 * Keys: `wq:<visitId>` (when and where a walk-in joined, claimed once when it starts),
 * `wait:<room>` (the estimate's running sums). Store failures lose a sample or the estimate,
 * never a patient's request (fail open).
 */
import { z } from 'zod';
import type { Logger } from './logger';
import type { KvStore } from './stores/store';

/** Fewer samples than this: no estimate (three waits are the least that say more than one patient's luck). */
export const MIN_SAMPLES = 3;
/** A sample's weight halves with each hour of age. */
export const HALF_LIFE_MS = 60 * 60_000;
/** No walk-in started for this long: what was learnt no longer says much about now. */
export const STALE_MS = 3 * 60 * 60_000;
/** A wait longer than this is not a wait (a tab left open, a clock gone wrong): not learnt from. */
export const MAX_SAMPLE_MS = 4 * 60 * 60_000;
/** How long a joined walk-in is watched for its start. */
const JOINED_TTL_MS = 12 * 60 * 60_000;
const CAS_TRIES = 5;

/** The running sums: Σwᵢxᵢ and Σwᵢ as of `at`, and how many samples went in. */
export interface WaitSums {
  n: number;
  /** Σ weight × wait (seconds), weights as of `at`. */
  weighted: number;
  /** Σ weight, as of `at`. */
  weight: number;
  /** The newest sample's time (ms). */
  at: number;
}

const waitSums = z.object({ n: z.number().int().nonnegative(), weighted: z.number().nonnegative(), weight: z.number().positive(), at: z.number() });
const joinedMark = z.object({ at: z.number(), room: z.string().max(100) });

/** A sample's weight after `ageMs`, relative to a fresh one. */
export const decay = (ageMs: number, halfLifeMs = HALF_LIFE_MS) => 2 ** (-Math.max(0, ageMs) / halfLifeMs);

/** The sums with one more wait of `seconds` that ended at `at` (samples may arrive out of order). */
export function addSample(prev: WaitSums | null, seconds: number, at: number, halfLifeMs = HALF_LIFE_MS): WaitSums {
  if (!prev) return { n: 1, weighted: seconds, weight: 1, at };
  if (at >= prev.at) {
    // Age what was there to the new sample's time, then add it at full weight.
    const d = decay(at - prev.at, halfLifeMs);
    return { n: prev.n + 1, weighted: prev.weighted * d + seconds, weight: prev.weight * d + 1, at };
  }
  // An older sample heard late: it joins at the weight its age gives it.
  const d = decay(prev.at - at, halfLifeMs);
  return { n: prev.n + 1, weighted: prev.weighted + seconds * d, weight: prev.weight + d, at: prev.at };
}

/** The estimate in seconds, or null when too few samples went in. (Decay cancels out of the ratio: no need to age to now.) */
export function estimateSeconds(s: WaitSums | null, minSamples = MIN_SAMPLES): number | null {
  if (!s || s.n < minSamples || s.weight <= 0) return null;
  return s.weighted / s.weight;
}

export interface WaitEstimates {
  /** A walk-in joined `room`'s queue at `at` (ms). */
  joined(visitId: string, room: string, at: number): Promise<void>;
  /** A visit started at `at` (ms): if it is a walk-in we saw join, its wait is learnt — once, whichever copy hears first. */
  started(visitId: string, at: number): Promise<void>;
  /** The room's estimated wait in seconds, or null. */
  estimate(room: string): Promise<number | null>;
}

export function createWaitEstimates(kv: KvStore, opts: { log: Logger }): WaitEstimates {
  const { log } = opts;
  const joinedKey = (visitId: string) => `wq:${visitId}`;
  const sumsKey = (room: string) => `wait:${room}`;
  const parse = (raw: string | null): WaitSums | null => {
    if (raw === null) return null;
    try {
      const r = waitSums.safeParse(JSON.parse(raw));
      return r.success ? r.data : null;
    } catch {
      return null;
    }
  };
  const failed = (op: string) => (err: unknown) => {
    log.warn({ err: { name: (err as Error).name }, op }, 'wait estimate: shared store call failed (the estimate goes without this)');
  };

  async function learn(room: string, seconds: number, at: number) {
    const key = sumsKey(room);
    // Compare-and-set, so two copies learning at once both count.
    for (let i = 0; i < CAS_TRIES; i++) {
      const raw = await kv.get(key);
      const next = JSON.stringify(addSample(parse(raw), seconds, at));
      const done = raw === null ? await kv.setIfAbsent(key, next, STALE_MS) : await kv.swap(key, raw, next, STALE_MS);
      if (done) return;
    }
    log.warn({ op: 'wait_learn' }, 'wait estimate: too many concurrent updates, one sample dropped');
  }

  return {
    async joined(visitId, room, at) {
      await kv.set(joinedKey(visitId), JSON.stringify({ at, room }), JOINED_TTL_MS).catch(failed('wait_joined'));
    },
    async started(visitId, at) {
      try {
        const key = joinedKey(visitId);
        const raw = await kv.get(key);
        if (raw === null) return;
        // Claimed by deleting it: the webhook on one copy and a poll on another count it once.
        if (!(await kv.swap(key, raw, null, JOINED_TTL_MS))) return;
        const mark = joinedMark.safeParse(JSON.parse(raw));
        if (!mark.success) return;
        // VSee's clock and ours may differ a little: a start "before" the join is no wait at all.
        const waitedMs = at - mark.data.at;
        if (waitedMs < -60_000 || waitedMs > MAX_SAMPLE_MS) return;
        await learn(mark.data.room, Math.max(0, waitedMs) / 1000, at);
      } catch (err) {
        failed('wait_started')(err);
      }
    },
    async estimate(room) {
      try {
        return estimateSeconds(parse(await kv.get(sumsKey(room))));
      } catch (err) {
        failed('wait_estimate')(err);
        return null;
      }
    },
  };
}
