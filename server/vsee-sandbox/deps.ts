import type { Store } from './store';
import type { Outbox } from './webhooks';

/** What every route module gets from createSandbox(). */
export interface Deps {
  store: Store;
  /** Clock in unix seconds (VSee's unit). */
  now: () => number;
  /** Where the sandbox is mounted, e.g. "/sandbox"; used for absolute links and cookie paths. */
  basePath: string;
  /**
   * The public origin (optionally with the host's own path prefix) the sandbox is reached at, e.g.
   * "https://frontdesk.example.org"; absolute URLs in API answers (the visit-summary link) use it.
   */
  publicOrigin: string;
  /** Due eligibility checks and the webhooks they send (webhooks.ts). */
  outbox: Outbox;
}
