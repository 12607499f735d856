/**
 * A small client for DexCare's v8 virtual-visit API (seed 004). Every answer is parsed with zod
 * before use; failures become DexcareError with the HTTP status, DexCare's own message and, when
 * the answer names one, the availability reason. Redirects are never followed. Every call has a
 * time limit; only safe calls (GET) are retried, and only while time is left.
 */
import { z } from 'zod';
import {
  AVAILABILITY_REASONS,
  dexcareErrorBody,
  practice,
  regionAvailability,
  visitCreated,
  visitRequest,
  waitTime,
  type AvailabilityReason,
  type VisitRequest,
} from './schemas';

export type FetchLike = (request: Request) => Promise<Response>;

export interface DexcareClientOptions {
  /** Where `api/8/…` is joined to, ending in "/". */
  apiBase: string;
  /** Time limit of one call, retries included. */
  timeoutMs: number;
  /** Extra attempts for a GET after a dropped connection, a 5xx or a non-JSON answer. Default 2. */
  retries?: number;
  /** First backoff before a retry; doubles each time, with full jitter. Default 100 ms. */
  backoffMs?: number;
  fetch: FetchLike;
}

export type DexcareErrorKind = 'http' | 'timeout' | 'network' | 'malformed' | 'redirect';

export class DexcareError extends Error {
  constructor(
    /** HTTP status from DexCare, or 0 when no usable answer came (timeout, reset, not JSON). */
    readonly status: number,
    message: string,
    readonly kind: DexcareErrorKind = 'http',
    /** An availability reason the answer named (the wait-time call answers 400 with one when a region is closed). */
    readonly reason: AvailabilityReason | null = null,
  ) {
    super(message);
    this.name = 'DexcareError';
  }

  /** DexCare may have done the work although no usable answer came back (a visit may exist). */
  get ambiguous(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'malformed' || this.status >= 500;
  }
}

/** A deadline shared by every attempt of one call; aborting it cancels the request in flight. */
function deadline(ms: number) {
  const controller = new AbortController();
  const at = Date.now() + ms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new DexcareError(0, 'DexCare did not answer in time', 'timeout');
      controller.abort(err);
      reject(err);
    }, ms);
  });
  expired.catch(() => {}); // observed through race(); never an unhandled rejection
  return {
    signal: controller.signal,
    left: () => at - Date.now(),
    race: <T>(work: Promise<T>): Promise<T> => Promise.race([work, expired]),
    done: () => clearTimeout(timer),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const transient = (err: unknown) =>
  err instanceof DexcareError && (err.kind === 'network' || err.kind === 'malformed' || err.status >= 500);

/** The first availability reason named anywhere in an error body (DexCare's SDKs read them the same way). */
function reasonIn(text: string): AvailabilityReason | null {
  return AVAILABILITY_REASONS.find((r) => text.includes(r)) ?? null;
}

interface Call<T extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  schema: T;
  /** The patient's DexCare bearer token (only where the page says AUTH TOKEN REQUIRED). */
  token?: string;
  body?: unknown;
}

export type DexcareClient = ReturnType<typeof createDexcareClient>;

export function createDexcareClient(opts: DexcareClientOptions) {
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 100;

  async function attempt<T extends z.ZodType>(c: Call<T>, url: URL, signal: AbortSignal): Promise<z.output<T>> {
    const headers = new Headers({ Accept: 'application/json' });
    if (c.token) headers.set('Authorization', `Bearer ${c.token}`);
    if (c.body !== undefined) headers.set('Content-Type', 'application/json');
    const req = new Request(url, {
      method: c.method,
      headers,
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
      redirect: 'manual',
      signal,
    });
    let res: Response;
    try {
      res = await opts.fetch(req);
    } catch (err) {
      if (err instanceof DexcareError) throw err;
      const timedOut = (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) || signal.aborted;
      throw new DexcareError(0, timedOut ? 'DexCare did not answer in time' : 'DexCare could not be reached', timedOut ? 'timeout' : 'network');
    }
    if (res.status >= 300 && res.status < 400) {
      // Following it could carry the patient's bearer token to another host.
      await res.body?.cancel().catch(() => {});
      throw new DexcareError(res.status, `DexCare answered ${res.status} (a redirect, not followed)`, 'redirect');
    }
    let raw: string;
    try {
      raw = await res.text();
    } catch {
      // The body was cut off: our deadline aborted it, or the connection dropped mid-answer.
      if (signal.aborted && signal.reason instanceof DexcareError) throw signal.reason;
      throw new DexcareError(0, 'DexCare could not be reached', 'network');
    }
    if (!res.ok) {
      let message = `DexCare answered ${res.status}`;
      try {
        const e = dexcareErrorBody.safeParse(JSON.parse(raw));
        if (e.success) message = e.data.message;
      } catch {
        if (raw.trim() && raw.length <= 300 && !raw.trimStart().startsWith('<')) message = raw.trim();
      }
      throw new DexcareError(res.status, message, 'http', reasonIn(raw));
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new DexcareError(0, `DexCare answered ${res.status} without JSON`, 'malformed');
    }
    const parsed = c.schema.safeParse(json);
    if (!parsed.success) throw new DexcareError(0, `DexCare's answer to ${c.method} ${c.path} did not match the documented shape`, 'malformed');
    return parsed.data;
  }

  async function call<T extends z.ZodType>(c: Call<T>): Promise<z.output<T>> {
    const url = new URL(c.path, opts.apiBase);
    const limit = deadline(opts.timeoutMs);
    try {
      for (let n = 0; ; n++) {
        try {
          return await limit.race(attempt(c, url, limit.signal));
        } catch (err) {
          const pause = Math.random() * backoffMs * 2 ** n;
          // A POST is never repeated: it may have made the visit (see ambiguous).
          if (c.method !== 'GET' || n >= retries || !transient(err) || limit.left() < pause + 50) throw err;
          await limit.race(sleep(pause));
        }
      }
    } finally {
      limit.done();
    }
  }

  const seg = (s: string) => encodeURIComponent(s);

  return {
    /** The practice and its practice regions (state licensure). 404: unknown practice. */
    practice: (practiceId: string) => call({ method: 'GET', path: `api/8/DexCare/practices/${seg(practiceId)}`, schema: practice }),
    /** Whether a region is open now, and if not why. */
    availability: (practiceRegionId: string) =>
      call({ method: 'GET', path: `api/8/practiceRegions/${seg(practiceRegionId)}/availability`, schema: regionAvailability }),
    /** The region's estimated wait, in whole seconds. A closed region answers 400 with its reason (DexcareError.reason). */
    waitTime: (practiceRegionId: string) =>
      call({ method: 'GET', path: `api/8/practiceRegions/${seg(practiceRegionId)}/waittime`, schema: waitTime }),
    /**
     * Creates the visit with the patient's bearer token. The body is checked against the page's
     * shape first, so a mistake of ours never reaches DexCare as a half-valid request.
     */
    createVisit: (practiceId: string, token: string, body: VisitRequest) => {
      const checked = visitRequest.safeParse(body);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        return Promise.reject(new Error(`createVisit: body does not match DexCare's documented shape: ${issue.path.join('.')}: ${issue.message}`));
      }
      return call({ method: 'POST', path: `api/8/practices/${seg(practiceId)}/visits`, schema: visitCreated, token, body: checked.data });
    },
  };
}
