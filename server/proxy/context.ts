import type { Config } from '../config';
import type { VseeClient } from '../vsee/client';
import type { IdempotencyStore } from './idempotency';
import type { Logger } from './logger';
import type { PatientGateway } from './patient';
import type { SessionData, SessionStore } from './session';

/** What every route may use; built once per process in createProxy(). */
export interface ProxyDeps {
  config: Config;
  vsee: VseeClient;
  gateway: PatientGateway;
  sessions: SessionStore;
  idempotency: IdempotencyStore;
  log: Logger;
  now: () => number;
}

export interface ProxyEnv {
  Variables: {
    /** Set by requireSession; routes replace it when the session changes (new token, new intake). */
    session: SessionData;
  };
}
