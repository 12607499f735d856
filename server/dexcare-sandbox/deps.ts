import type { Store } from './store';

/** What every part of the DexCare sandbox gets from createDexcareSandbox(). */
export interface Deps {
  store: Store;
  /** Clock in unix milliseconds. */
  now: () => number;
  /** Where the host mounts the sandbox, e.g. "/sandbox/dexcare"; links and form actions use it. */
  basePath: string;
  /** The host's public origin (with any path prefix): absolute URLs in API answers start with it. */
  publicOrigin: string;
}
