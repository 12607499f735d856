/**
 * The VSee sandbox: an in-process emulator of the VSee Clinic API and portal pages.
 *
 *   const sandbox = createSandbox();
 *   app.route('/sandbox', sandbox.app);   // /sandbox/api_v3/…, /sandbox/vc/…, /sandbox/control/…
 */
import { Hono } from 'hono';
import { createApi } from './api';
import { controlGuard, createControl } from './control';
import { createInsuranceControl } from './control-insurance';
import { createFaults, connectionReset, RESET_MARK, type Faults, type FaultSpec } from './faults';
import { createPortal } from './portal';
import { seed } from './seed';
import { Store } from './store';
import { toSeconds } from './time';
import { createOutbox, type Outbox, type WebhookTarget } from './webhooks';
import type { Deps } from './deps';

export interface SandboxOptions {
  /** Where the host mounts the app; absolute links and cookie paths use it. Default "/sandbox". */
  basePath?: string;
  /** Clock in milliseconds. Default Date.now. */
  now?: () => number;
  /**
   * The host's public URL (its PUBLIC_URL), for absolute links in API answers such as the visit
   * summary's `data.url`. An http(s) origin, optionally with a path prefix; no query or fragment.
   * Default "http://localhost:8080".
   */
  publicOrigin?: string;
  /** Faults to inject from the start (SANDBOX_FAULTS); see faults.ts. */
  faults?: FaultSpec[];
  /** Random numbers for faults' `rate`. Default Math.random. */
  random?: () => number;
  /**
   * The webhook URL the clinic set in VSee's admin panel, and how to reach it (in process in
   * sandbox mode). None: no webhooks are sent, as for a clinic without one.
   */
  webhook?: WebhookTarget | null;
}

export interface Sandbox {
  app: Hono;
  /**
   * The in-process entry point (the proxy's fetch in sandbox mode): app.fetch, except that an
   * injected connection reset rejects the way fetch does when a peer drops the connection.
   */
  fetch(request: Request): Promise<Response>;
  /** Injected faults (control: /control/faults). */
  faults: Faults;
  /** Back to the seeded state (relative to the current clock). */
  reset(): void;
  /** The live state, for tests and tooling. */
  store: Store;
  /** The sandbox clock in unix seconds. */
  now(): number;
  /** Moves the sandbox clock on (never back) and runs what became due (eligibility webhooks). */
  advance(seconds: number): Promise<void>;
  /** Stops the sandbox clock (true) or lets it run again from where it stood (false). */
  pause(paused: boolean): void;
  /** Runs due work now: eligibility checks whose 10 s have passed, and their webhooks. */
  tick(): Promise<void>;
  outbox: Outbox;
  basePath: string;
  /** The normalised public origin absolute links start with. */
  publicOrigin: string;
}

function normaliseBasePath(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** "https://x.example/app/" → "https://x.example/app"; anything but a plain http(s) URL throws. */
export function normalisePublicOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`createSandbox: publicOrigin is not a URL: ${raw}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`createSandbox: publicOrigin must be a plain http(s) URL: ${raw}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const basePath = normaliseBasePath(opts.basePath ?? '/sandbox');
  const publicOrigin = normalisePublicOrigin(opts.publicOrigin ?? 'http://localhost:8080');
  const base = opts.now ?? Date.now;
  // The sandbox clock: the host's, plus however far a test or demo moved it on.
  let offsetMs = 0;
  let pausedAt: number | null = null;
  const clock = () => (pausedAt ?? base()) + offsetMs;
  const store = new Store();
  const now = () => toSeconds(clock());
  const outbox = createOutbox({ store, now, target: opts.webhook ?? null });
  const deps: Deps = { store, now, basePath, publicOrigin, outbox };
  const reset = () => seed(store, clock());
  const advance = async (seconds: number) => {
    offsetMs += Math.max(0, seconds) * 1000;
    await outbox.tick();
  };
  /** Stops (or restarts) the sandbox clock where it is, so a test decides when 10 seconds pass. */
  const pause = (paused: boolean) => {
    if (paused && pausedAt === null) pausedAt = base();
    if (!paused && pausedAt !== null) {
      offsetMs -= base() - pausedAt; // restart from where it stood, never jump
      pausedAt = null;
    }
  };
  reset();

  const api = createApi(deps);
  const app = new Hono();
  const faults = createFaults({ initial: opts.faults, random: opts.random });
  const apiPath = (url: URL) => url.pathname.slice(url.pathname.indexOf('/api_v3/') + '/api_v3'.length) || '/';
  app.use('/api_v3/*', faults.middleware((c) => apiPath(new URL(c.req.url))));

  // Every API path accepts an optional ".json" suffix (VSee's samples use both forms). Hono routes
  // once per request, so we re-dispatch to the API app with the suffix (and mount prefix) removed.
  app.all('/api_v3/*', async (c) => {
    const url = new URL(c.req.url);
    const rel = apiPath(url).replace(/\.json$/, '') || '/';
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const req = new Request(new URL(rel + url.search, url.origin), {
      method: c.req.method,
      headers: c.req.raw.headers,
      body: hasBody ? await c.req.raw.arrayBuffer() : undefined,
    });
    return api.fetch(req, c.env);
  });
  app.route('/vc', createPortal(deps));
  app.use('/control/*', controlGuard(deps));
  app.route('/control/faults', faults.routes());
  app.route('/control', createInsuranceControl(deps, { advance, pause }));
  app.route('/control', createControl(deps, reset));

  const fetch = async (request: Request) => {
    const res = await app.fetch(request);
    if (res.headers.has(RESET_MARK)) throw connectionReset();
    return res;
  };
  return { app, fetch, faults, reset, store, now: deps.now, advance, pause, tick: () => outbox.tick(), outbox, basePath, publicOrigin };
}
