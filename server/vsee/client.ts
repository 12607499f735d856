/**
 * A small client for the VSee Clinic API. Every answer is parsed with zod before use; errors
 * become VseeError with the HTTP status and VSee's own message. Requests go form-urlencoded
 * (every documented endpoint accepts it). Redirects are never followed. Every call has a time
 * limit; only safe calls (GET) are retried.
 */
import { z } from 'zod';
import { vseeError } from './schemas';

const anyEnvelope = z.object({ data: z.unknown() });

export type FetchLike = (request: Request) => Promise<Response>;

/** One API call as it goes on the wire: plain values, no Fetch API objects. */
export interface VseeHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Lower-case names; a transport may add its own (a request id, a traceparent). */
  headers: Record<string, string>;
  /** Form-urlencoded; its Content-Type is in `headers`. */
  body?: string;
  signal: AbortSignal;
}
export interface VseeHttpAnswer {
  status: number;
  text(): Promise<string>;
  /** Reads and drops a body that will not be used, so the connection can be reused. */
  discard(): Promise<void>;
}
/** Sends one API call; rejects only when no answer came (a 3xx is an answer: never followed). */
export type SendLike = (request: VseeHttpRequest) => Promise<VseeHttpAnswer>;

/** The calls over a Fetch-API function (an in-process sandbox, a test's double): one Request each. */
export function sendOverFetch(fetchLike: FetchLike): SendLike {
  return async (r) => {
    const res = await fetchLike(new Request(r.url, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual', signal: r.signal }));
    return {
      status: res.status,
      text: () => res.text(),
      discard: async () => {
        await res.body?.cancel().catch(() => {});
      },
    };
  };
}

export interface VseeClientOptions {
  apiBase: string;
  accountCode: string;
  apiKey: string;
  apiSecret: string;
  /** Time limit of one call, retries included: the patient hears back within it. */
  timeoutMs: number;
  /** Extra attempts for a safe call (GET) after a dropped connection, 5xx or non-JSON answer. Default 2. */
  retries?: number;
  /** First backoff before a retry; doubles each time, with full jitter. Default 100 ms. */
  backoffMs?: number;
  /** The clinic portal; files VSee links to (visit summaries) may come from here or the API host. */
  portalUrl?: string;
  /** For file downloads, and the API calls when `send` is not given. */
  fetch: FetchLike;
  /**
   * How API calls go out (e.g. server/vsee/http.ts over a keep-alive pool): built per call from
   * plain values, where `fetch` costs a Request, Headers and a web stream per call. Default: over `fetch`.
   */
  send?: SendLike;
}

export class VseeError extends Error {
  constructor(
    /** HTTP status from VSee, or 0 when no usable answer came (timeout, reset, not JSON). */
    readonly status: number,
    message: string,
    readonly kind: 'http' | 'timeout' | 'network' | 'malformed' | 'redirect' = 'http',
  ) {
    super(message);
    this.name = 'VseeError';
  }

  /**
   * VSee may have done the work although no usable answer came back: the call timed out, the
   * connection dropped, or VSee (or a gateway in front of it) failed or garbled its answer.
   * A create call that failed this way may have created something.
   */
  get ambiguous(): boolean {
    // A redirect too: VSee's API does not redirect, so a 3xx comes from something in between
    // (a gateway, a misrouted load balancer) that may have passed the request on first.
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'malformed' || this.kind === 'redirect' || this.status >= 500;
  }
}

type Params = Record<string, string | number | undefined>;

export interface VseeCall<T extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  schema: T;
  /** The patient's X-ApiToken. */
  token?: string;
  /** Send X-ApiKey / X-ApiSecret (SSO only: the secret never goes anywhere else). */
  appAuth?: boolean;
  query?: Params;
  body?: Params;
  /**
   * An outer deadline (e.g. a whole booking's): when it fires first, the call ends as a timeout.
   * The call's own limit, VSEE_TIMEOUT_MS, still applies.
   */
  signal?: AbortSignal;
}

export type VseeClient = ReturnType<typeof createVseeClient>;

/**
 * A deadline shared by every attempt of one call; aborting it cancels the request in flight. An
 * outer signal (a whole booking's deadline) ends it early the same way.
 */
function deadline(ms: number, outer?: AbortSignal) {
  const controller = new AbortController();
  const at = Date.now() + ms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onOuter: (() => void) | undefined;
  const expired = new Promise<never>((_, reject) => {
    const fire = () => {
      const err = new VseeError(0, 'VSee did not answer in time', 'timeout');
      controller.abort(err);
      reject(err);
    };
    timer = setTimeout(fire, ms);
    if (outer?.aborted) fire();
    else if (outer) {
      onOuter = fire;
      outer.addEventListener('abort', fire, { once: true });
    }
  });
  expired.catch(() => {}); // observed through race() below; never an unhandled rejection
  return {
    signal: controller.signal,
    left: () => at - Date.now(),
    /** `work`, or a timeout VseeError when the deadline passes first (even if `work` ignores the signal). */
    race: <T>(work: Promise<T>): Promise<T> => Promise.race([work, expired]),
    done: () => {
      clearTimeout(timer);
      if (onOuter) outer?.removeEventListener('abort', onOuter);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Worth another attempt for a safe call: the next one may well succeed. */
function transient(err: unknown): boolean {
  if (!(err instanceof VseeError)) return false;
  return err.kind === 'network' || err.kind === 'malformed' || err.status >= 500;
}

export function createVseeClient(opts: VseeClientOptions) {
  const retries = opts.retries ?? 2;
  const backoffMs = opts.backoffMs ?? 100;

  const sendCall = opts.send ?? sendOverFetch(opts.fetch);

  /** A dropped connection or a time-out as a VseeError. */
  function noAnswer(err: unknown, signal: AbortSignal): VseeError {
    if (err instanceof VseeError) return err;
    const timedOut = (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) || signal.aborted;
    return new VseeError(0, timedOut ? 'VSee did not answer in time' : 'VSee could not be reached', timedOut ? 'timeout' : 'network');
  }
  // Never followed (redirect: 'manual'): VSee's API does not redirect, so a 3xx means something
  // in between is wrong, and following it could send the patient's token elsewhere.
  const isRedirect = (status: number) => status >= 300 && status < 400;
  const redirected = (status: number) => new VseeError(status, `VSee answered ${status} (a redirect, not followed)`, 'redirect');

  /** A file download: one request to VSee; a dropped connection becomes a VseeError, a redirect is refused. */
  async function send(req: Request): Promise<Response> {
    let res: Response;
    try {
      res = await opts.fetch(req);
    } catch (err) {
      throw noAnswer(err, req.signal);
    }
    if (isRedirect(res.status)) {
      await res.body?.cancel().catch(() => {});
      throw redirected(res.status);
    }
    return res;
  }

  async function attempt<T extends z.ZodType>(c: VseeCall<T>, url: string, signal: AbortSignal): Promise<z.output<T>> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-accountcode': opts.accountCode };
    if (c.token) headers['x-apitoken'] = c.token;
    if (c.appAuth) {
      headers['x-apikey'] = opts.apiKey;
      headers['x-apisecret'] = opts.apiSecret;
    }
    let body: string | undefined;
    if (c.body) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(c.body)) if (v !== undefined) form.set(k, String(v));
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    }

    let res: VseeHttpAnswer;
    try {
      res = await sendCall({ method: c.method, url, headers, body, signal });
    } catch (err) {
      throw noAnswer(err, signal);
    }
    if (isRedirect(res.status)) {
      await res.discard().catch(() => {});
      throw redirected(res.status);
    }

    let json: unknown;
    try {
      json = JSON.parse(await res.text());
    } catch (err) {
      if (signal.aborted) throw signal.reason instanceof VseeError ? signal.reason : err;
      throw new VseeError(res.status >= 400 ? res.status : 0, `VSee answered ${res.status} without JSON`, 'malformed');
    }
    if (res.status < 200 || res.status > 299) {
      const e = vseeError.safeParse(json);
      throw new VseeError(res.status, e.success ? e.data.message : `VSee answered ${res.status}`);
    }
    const env = anyEnvelope.safeParse(json);
    const parsed = env.success ? c.schema.safeParse(env.data.data) : null;
    if (!parsed?.success) {
      throw new VseeError(0, `VSee answer to ${c.method} ${c.path} did not match the expected shape`, 'malformed');
    }
    return parsed.data;
  }

  /**
   * One call to VSee within VSEE_TIMEOUT_MS. A GET that fails in a way that may pass (dropped
   * connection, 5xx, non-JSON answer) is tried again, at most `retries` times, with backoff, while
   * time is left. A POST is never repeated here: it may have done its work (see ambiguous).
   */
  async function call<T extends z.ZodType>(c: VseeCall<T>): Promise<z.output<T>> {
    const url = new URL(c.path.replace(/^\//, ''), opts.apiBase);
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const href = url.href;
    const limit = deadline(opts.timeoutMs, c.signal);
    try {
      for (let n = 0; ; n++) {
        try {
          return await limit.race(attempt(c, href, limit.signal));
        } catch (err) {
          const pause = Math.random() * backoffMs * 2 ** n;
          if (c.method !== 'GET' || n >= retries || !transient(err) || limit.left() < pause + 50) throw err;
          await limit.race(sleep(pause));
        }
      }
    } finally {
      limit.done();
    }
  }
  const fileOrigins = new Set([new URL(opts.apiBase).origin, ...(opts.portalUrl ? [new URL(opts.portalUrl).origin] : [])]);

  /**
   * Fetches a file VSee linked to (e.g. a visit summary PDF). Only from VSee's own hosts (a link
   * elsewhere would make the proxy fetch arbitrary URLs), no redirects, bounded size and time.
   */
  async function download(link: string, want: { maxBytes: number; contentType: RegExp }): Promise<Uint8Array<ArrayBuffer>> {
    const url = new URL(link);
    if (!fileOrigins.has(url.origin)) throw new VseeError(0, 'VSee linked to a file on another host', 'malformed');
    const limit = deadline(opts.timeoutMs);
    try {
      return await limit.race(
        (async () => {
          const res = await send(new Request(url, { redirect: 'manual', signal: limit.signal }));
          if (!res.ok) throw new VseeError(res.status >= 400 ? res.status : 0, `VSee answered ${res.status} for a file`);
          if (!want.contentType.test(res.headers.get('Content-Type') ?? '')) throw new VseeError(0, 'VSee sent a file of another type', 'malformed');
          const declared = Number(res.headers.get('Content-Length') ?? '0');
          if (declared > want.maxBytes) throw new VseeError(0, 'VSee sent a file that is too large', 'malformed');
          const body = new Uint8Array(await res.arrayBuffer());
          if (body.byteLength > want.maxBytes) throw new VseeError(0, 'VSee sent a file that is too large', 'malformed');
          return body;
        })(),
      );
    } finally {
      limit.done();
    }
  }

  return { call, download };
}
