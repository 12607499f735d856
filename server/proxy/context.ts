import type { Config } from '../config';
import type { VseeClient } from '../vsee/client';
import type { IdempotencyStore } from './idempotency';
import type { Logger } from './logger';
import type { PatientGateway } from './patient';
import type { SessionData, SessionStore } from './session';
import type { KvStore } from './stores/store';

/** What every route may use; built once per process in createProxy(). */
export interface ProxyDeps {
  config: Config;
  vsee: VseeClient;
  gateway: PatientGateway;
  sessions: SessionStore;
  idempotency: IdempotencyStore;
  /**
   * The shared store (memory, or Redis with REDIS_URL): rate limits, idempotency records, and
   * the launch-token `jti` replay set (see stores/store.ts, firstUse()).
   */
  kv: KvStore;
  log: Logger;
  now: () => number;
}

export interface ProxyEnv {
  Variables: {
    /** Set by requireSession; routes replace it when the session changes (new token, new intake). */
    session: SessionData;
  };
}
