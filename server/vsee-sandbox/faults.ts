/**
 * Fault injection (sandbox only, not VSee): makes chosen API routes slow, failing, hanging,
 * resetting, garbled or redirecting, so the proxy's handling of a failing VSee can be shown and
 * tested. Set by `POST /control/faults` (JSON) or at start by SANDBOX_FAULTS; cleared by
 * `DELETE /control/faults`. A fault names a route as "METHOD /path" relative to the API base
 * (`POST /visits/add_walkin`, `GET /visits/:id`, `* /visits/*`); the `.json` suffix and the query
 * string are ignored.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';

export const FAULT_KINDS = ['latency', 'error', 'hang', 'reset', 'malformed', 'redirect'] as const;

const route = z
  .string()
  .trim()
  .regex(/^(\*|[A-Za-z]+)\s+\/\S*$/, 'route must look like "POST /visits/add_walkin" (method or *, then a path)');

export const faultSpec = z
  .object({
    route,
    kind: z.enum(FAULT_KINDS),
    /** latency: the added delay (default 1000); hang: how long before giving up (default 300 000). */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** error: the status (400–599, default 503); redirect: the 3xx (default 302). */
    status: z.number().int().min(300).max(599).optional(),
    /** malformed: `text` (not JSON, default) or `shape` (JSON of the wrong shape). */
    body: z.enum(['text', 'shape']).optional(),
    /** redirect: where the Location header points. */
    location: z.url().optional(),
    /** Chance that a matching request gets the fault, 0–1 (default 1: every one). */
    rate: z.number().min(0).max(1).optional(),
    /** Apply to this many requests, then drop the fault (default: until cleared). */
    times: z.number().int().positive().optional(),
    /**
     * Whether the sandbox does the work first and the answer is then lost or spoiled on the way
     * back (a booking made, its answer delayed past the client's time limit). Default: true for
     * latency and malformed, false for the others (the request never reaches VSee's logic).
     */
    processed: z.boolean().optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.kind === 'error' && f.status !== undefined && f.status < 400) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'an error status must be 400–599' });
    }
    if (f.kind === 'redirect' && f.status !== undefined && (f.status < 300 || f.status > 399)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a redirect status must be 300–399' });
    }
  });
export type FaultSpec = z.infer<typeof faultSpec>;

/** One fault, a list of them, or `{faults: [...]}`. */
export const faultList = z.union([
  z.array(faultSpec).max(100),
  z.object({ faults: z.array(faultSpec).max(100) }).strict().transform((o) => o.faults),
  faultSpec.transform((f) => [f]),
]);

interface ActiveFault {
  spec: FaultSpec;
  method: string;
  pattern: RegExp;
  remaining: number | null;
}

/** Header by which the in-process fetch learns that it must fail like a dropped connection. */
export const RESET_MARK = 'X-Sandbox-Fault-Reset';

function compile(spec: FaultSpec): ActiveFault {
  const [method, path] = spec.route.split(/\s+/) as [string, string];
  const body = path
    .replace(/\.json$/, '')
    .split('/')
    .map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { spec, method: method.toUpperCase(), pattern: new RegExp(`^${body}/?$`), remaining: spec.times ?? null };
}

/** Resolves after `ms`, or earlier when the caller gives up. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What undici's fetch rejects with when the peer resets the connection. */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return new TypeError('fetch failed', { cause });
}

interface NodeBindings {
  incoming?: { socket?: { destroy(): void } };
}

export interface Faults {
  list(): (FaultSpec & { remaining: number | null })[];
  add(specs: FaultSpec[]): void;
  clear(): void;
  /** The fault a request gets, if any (counts it against `times`, rolls `rate`). */
  take(method: string, path: string): FaultSpec | undefined;
  /** For `/api_v3/*`: applies the fault of the request's route. `rel` gives the path under the API base. */
  middleware(rel: (c: Context) => string): MiddlewareHandler;
  /** The control routes: GET / POST / DELETE. */
  routes(): Hono;
}

export interface FaultOptions {
  initial?: FaultSpec[];
  random?: () => number;
  /** The vendor's error envelope for `error` faults. Default VSee's `{code, message}`. */
  errorBody?: (status: number) => unknown;
  /** JSON of the wrong shape for `malformed` with `body: "shape"`. Default `{data: "<a string>"}`. */
  shapeBody?: unknown;
  /** Default Location of a `redirect` fault. */
  redirectLocation?: string;
}

export function createFaults(opts: FaultOptions = {}): Faults {
  const random = opts.random ?? Math.random;
  const errorBody = opts.errorBody ?? ((status: number) => ({ code: status, message: 'Sandbox fault: the service is failing.' }));
  const shapeBody = opts.shapeBody ?? { data: 'sandbox fault: not the shape VSee documents' };
  const redirectLocation = opts.redirectLocation ?? 'https://redirected.invalid/api_v3/';
  let active: ActiveFault[] = [];

  const faults: Faults = {
    list: () => active.map((f) => ({ ...f.spec, remaining: f.remaining })),
    add(specs) {
      active = [...active, ...specs.map(compile)];
    },
    clear() {
      active = [];
    },
    take(method, path) {
      const p = path.replace(/\.json$/, '');
      const f = active.find((x) => (x.method === '*' || x.method === method.toUpperCase()) && x.pattern.test(p));
      if (!f) return undefined;
      if (random() >= (f.spec.rate ?? 1)) return undefined;
      if (f.remaining !== null && --f.remaining <= 0) active = active.filter((x) => x !== f);
      return f.spec;
    },
    middleware(rel) {
      return async (c, next) => {
        const f = faults.take(c.req.method, rel(c));
        if (!f) return next();
        const signal = c.req.raw.signal;
        const processed = f.processed ?? (f.kind === 'latency' || f.kind === 'malformed');
        if (f.kind === 'latency') {
          if (processed) {
            await next();
            await wait(f.ms ?? 1000, signal);
          } else {
            await wait(f.ms ?? 1000, signal);
            await next();
          }
          return;
        }
        if (processed) await next();
        c.res = undefined as unknown as Response; // replace whatever the route answered
        switch (f.kind) {
          case 'error': {
            const status = f.status ?? 503;
            c.res = new Response(JSON.stringify(errorBody(status)), {
              status,
              headers: { 'Content-Type': 'application/json' },
            });
            return;
          }
          case 'malformed':
            c.res =
              f.body === 'shape'
                ? Response.json(shapeBody)
                : new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { headers: { 'Content-Type': 'text/html' } });
            return;
          case 'redirect':
            // A body that would parse, so a client that ignores the status is caught out too.
            c.res = new Response(JSON.stringify({ data: [] }), {
              status: f.status ?? 302,
              headers: { Location: f.location ?? redirectLocation, 'Content-Type': 'application/json' },
            });
            return;
          case 'hang':
            await wait(f.ms ?? 300_000, signal);
            resetOrMark(c);
            return;
          case 'reset':
            resetOrMark(c);
            return;
        }
      };
    },
    routes() {
      const app = new Hono();
      app.get('/', (c) => c.json({ data: { faults: faults.list() } }));
      app.post('/', async (c) => {
        const raw = await c.req.text();
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          return c.json({ code: 400, message: 'Expected a JSON fault, a list of them, or {"faults": [...]}.' }, 400);
        }
        const parsed = faultList.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          return c.json({ code: 400, message: `Bad fault: ${issue.path.join('.') || 'body'}: ${issue.message}` }, 400);
        }
        faults.add(parsed.data);
        return c.json({ data: { faults: faults.list() } }, 201);
      });
      app.delete('/', (c) => {
        faults.clear();
        return c.body(null, 204);
      });
      return app;
    },
  };
  if (opts.initial) faults.add(opts.initial);
  return faults;
}

/** Over real HTTP: destroy the socket. In process: a marked answer that the sandbox's fetch turns into a rejection. */
function resetOrMark(c: Context) {
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
  socket?.destroy();
  c.res = new Response('connection reset (sandbox fault)', { status: 502, headers: { [RESET_MARK]: '1' } });
}
