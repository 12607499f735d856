import type { ClinicBackend } from '../backend/clinic-backend';
import type { Config } from '../config';
import type { VseeClient } from '../vsee/client';
import type { IdempotencyStore } from './idempotency';
import type { Logger } from './logger';
import type { PatientHandle } from './patient';
import type { ReadCache } from './read-cache';
import type { SessionStore } from './session';
import type { KvStore } from './stores/store';

/** What every route may use; built once per process in createProxy(). */
export interface ProxyDeps {
  config: Config;
  vsee: VseeClient;
  sessions: SessionStore;
  idempotency: IdempotencyStore;
  /**
   * The shared store (memory, or Redis with REDIS_URL): rate limits, idempotency records, booking
   * marks and the launch-token `jti` replay set (see stores/store.ts).
   */
  kv: KvStore;
  log: Logger;
  now: () => number;
  /** Recent visit reads per member, in this process. */
  reads: ReadCache;
  /** The clinic backend (CLINIC_BACKEND): every patient call goes through it; routes never name a vendor. */
  backend: ClinicBackend;
}

export interface ProxyEnv {
  Variables: {
    /** The signed-in patient (set by requirePatient). */
    patient: PatientHandle;
  };
}
