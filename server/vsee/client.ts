/**
 * A small client for the VSee Clinic API. Every answer is parsed with zod before use; errors
 * become VseeError with the HTTP status and VSee's own message. Requests go form-urlencoded
 * (every documented endpoint accepts it). Redirects are never followed.
 */
import { z } from 'zod';
import { vseeError } from './schemas';

const anyEnvelope = z.object({ data: z.unknown() });

export type FetchLike = (request: Request) => Promise<Response>;

export interface VseeClientOptions {
  apiBase: string;
  accountCode: string;
  apiKey: string;
  apiSecret: string;
  timeoutMs: number;
  /** The clinic portal; files VSee links to (visit summaries) may come from here or the API host. */
  portalUrl?: string;
  fetch: FetchLike;
}

export class VseeError extends Error {
  constructor(
    /** HTTP status from VSee, or 0 when no usable answer came (timeout, reset, not JSON). */
    readonly status: number,
    message: string,
    readonly kind: 'http' | 'timeout' | 'network' | 'malformed' = 'http',
  ) {
    super(message);
    this.name = 'VseeError';
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
}

export type VseeClient = ReturnType<typeof createVseeClient>;

export function createVseeClient(opts: VseeClientOptions) {
  /** One request to VSee; a timeout or a dropped connection becomes a VseeError. */
  async function send(req: Request): Promise<Response> {
    try {
      return await opts.fetch(req);
    } catch (err) {
      const timedOut = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new VseeError(0, timedOut ? 'VSee did not answer in time' : 'VSee could not be reached', timedOut ? 'timeout' : 'network');
    }
  }

  async function call<T extends z.ZodType>(c: VseeCall<T>): Promise<z.output<T>> {
    const url = new URL(c.path.replace(/^\//, ''), opts.apiBase);
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));

    const headers = new Headers({ Accept: 'application/json', 'X-AccountCode': opts.accountCode });
    if (c.token) headers.set('X-ApiToken', c.token);
    if (c.appAuth) {
      headers.set('X-ApiKey', opts.apiKey);
      headers.set('X-ApiSecret', opts.apiSecret);
    }
    let body: URLSearchParams | undefined;
    if (c.body) {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(c.body)) if (v !== undefined) body.set(k, String(v));
    }

    const res = await send(new Request(url, { method: c.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs) }));

    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new VseeError(res.status >= 400 ? res.status : 0, `VSee answered ${res.status} without JSON`, 'malformed');
    }
    if (!res.ok) {
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
  const fileOrigins = new Set([new URL(opts.apiBase).origin, ...(opts.portalUrl ? [new URL(opts.portalUrl).origin] : [])]);

  /**
   * Fetches a file VSee linked to (e.g. a visit summary PDF). Only from VSee's own hosts (a link
   * elsewhere would make the proxy fetch arbitrary URLs), no redirects, bounded size and time.
   */
  async function download(link: string, want: { maxBytes: number; contentType: RegExp }): Promise<Uint8Array<ArrayBuffer>> {
    const url = new URL(link);
    if (!fileOrigins.has(url.origin)) throw new VseeError(0, 'VSee linked to a file on another host', 'malformed');
    const res = await send(new Request(url, { redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs) }));
    if (!res.ok) throw new VseeError(res.status >= 400 ? res.status : 0, `VSee answered ${res.status} for a file`);
    if (!want.contentType.test(res.headers.get('Content-Type') ?? '')) throw new VseeError(0, 'VSee sent a file of another type', 'malformed');
    const declared = Number(res.headers.get('Content-Length') ?? '0');
    if (declared > want.maxBytes) throw new VseeError(0, 'VSee sent a file that is too large', 'malformed');
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > want.maxBytes) throw new VseeError(0, 'VSee sent a file that is too large', 'malformed');
    return body;
  }

  return { call, download };
}
