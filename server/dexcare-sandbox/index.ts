/**
 * The DexCare sandbox: an in-process emulator of DexCare's v8 virtual-visit API (seed 004), its
 * waiting room and a provider side.
 *
 *   const dexcare = createDexcareSandbox({ basePath: '/sandbox/dexcare' });
 *   app.route('/sandbox/dexcare', dexcare.app);   // …/api/8/…, …/DexCare/visit/…, …/provider, …/control/…
 */
import { Hono } from 'hono';
import { connectionReset, createFaults, RESET_MARK, type Faults, type FaultSpec } from '../vsee-sandbox/faults';
import { normalisePublicOrigin } from '../vsee-sandbox/index';
import { createApi } from './api';
import { createControl } from './control';
import type { Deps } from './deps';
import { createPages } from './pages';
import { seed } from './seed';
import { Store } from './store';

export interface DexcareSandboxOptions {
  /** Where the host mounts the app; links and form actions use it. Default "/sandbox/dexcare". */
  basePath?: string;
  /** Clock in milliseconds. Default Date.now. */
  now?: () => number;
  /** The host's public URL, for absolute links in API answers (visitRedirectUrl). Default "http://localhost:8080". */
  publicOrigin?: string;
  /** Faults to inject from the start; see ../vsee-sandbox/faults.ts (routes are relative to api/8). */
  faults?: FaultSpec[];
  /** Random numbers for faults' `rate`. Default Math.random. */
  random?: () => number;
}

export interface DexcareSandbox {
  app: Hono;
  /** The in-process entry point: app.fetch, except that an injected reset rejects like a dropped connection. */
  fetch(request: Request): Promise<Response>;
  faults: Faults;
  /** Back to the seeded state (relative to the current clock). */
  reset(): void;
  store: Store;
  basePath: string;
}

export function createDexcareSandbox(opts: DexcareSandboxOptions = {}): DexcareSandbox {
  const basePath = (opts.basePath ?? '/sandbox/dexcare').replace(/\/+$/, '');
  const clock = opts.now ?? Date.now;
  const store = new Store();
  const deps: Deps = { store, now: clock, basePath, publicOrigin: normalisePublicOrigin(opts.publicOrigin ?? 'http://localhost:8080') };
  const reset = () => seed(store, clock());
  reset();

  const faults = createFaults({
    initial: opts.faults,
    random: opts.random,
    errorBody: () => ({ message: 'An error has occurred.' }),
    shapeBody: { sandboxFault: 'not the shape DexCare documents' },
    redirectLocation: 'https://redirected.invalid/api/8/',
  });

  const app = new Hono();
  const apiPath = (url: URL) => url.pathname.slice(url.pathname.indexOf('/api/8/') + '/api/8'.length) || '/';
  app.use('/api/8/*', faults.middleware((c) => apiPath(new URL(c.req.url))));
  app.route('/api/8', createApi(deps));
  app.route('/control/faults', faults.routes());
  app.route('/control', createControl(deps, reset));
  app.route('/', createPages(deps));

  const fetch = async (request: Request) => {
    const res = await app.fetch(request);
    if (res.headers.has(RESET_MARK)) throw connectionReset();
    return res;
  };
  return { app, fetch, faults, reset, store, basePath };
}
