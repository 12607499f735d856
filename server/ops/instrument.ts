/**
 * Decorators that measure without changing behaviour: every shared-store operation (latency,
 * errors) and every vendor call (endpoint pattern, outcome, latency). They wrap the objects
 * app.ts builds, so the store and the VSee client stay unaware of metrics.
 */
import type { KvStore } from '../proxy/stores/store';
import { VseeError, type VseeClient } from '../vsee/client';
import type { Metrics, VendorOutcome } from './metrics';
import { currentRequest, runWithRequest } from './request-context';

export function instrumentStore(kv: KvStore, metrics: Metrics): KvStore {
  const timed =
    <A extends unknown[], R>(op: string, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      try {
        const r = await f(...a);
        metrics.store(op, (performance.now() - t0) / 1000, true);
        return r;
      } catch (err) {
        metrics.store(op, (performance.now() - t0) / 1000, false);
        throw err;
      }
    };
  return {
    setIfAbsent: timed('setIfAbsent', (k: string, v: string, ttl: number) => kv.setIfAbsent(k, v, ttl)),
    get: timed('get', (k: string) => kv.get(k)),
    set: timed('set', (k: string, v: string, ttl: number) => kv.set(k, v, ttl)),
    del: timed('del', (k: string) => kv.del(k)),
    incr: timed('incr', (k: string, ttl: number) => kv.incr(k, ttl)),
    swap: timed('swap', (k: string, expected: string, next: string | null, ttl: number) => kv.swap(k, expected, next, ttl)),
    ready: () => kv.ready(),
    close: () => kv.close(),
  };
}

// Words of VSee's API paths; any other segment (an id, a room code) becomes `:id`.
const VSEE_WORDS = new Set([
  'users', 'sso', 'intakes', 'visits', 'add_walkin', 'add_econsult', 'availability', 'rooms', 'providers',
  'exports', 'visit_summary', 'close', 'current', 'join', 'members', 'files', 'me', 'uploads', 'guest_invite',
]);

/** `GET visits/:id/exports/visit_summary` from `visits/67258/exports/visit_summary.json`. */
export function vseeEndpoint(method: string, path: string): string {
  const segments = path
    .replace(/^\/+/, '')
    .split(/[?#]/)[0]!
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/\.json$/, ''))
    .map((s) => (VSEE_WORDS.has(s) ? s : ':id'));
  return `${method} ${segments.join('/') || '/'}`;
}

export function vendorOutcome(err: unknown): VendorOutcome {
  if (!(err instanceof VseeError)) return 'ambiguous';
  if (err.kind === 'timeout') return 'timeout';
  if (err.kind === 'http' || err.kind === 'redirect') {
    if (err.status >= 500) return '5xx';
    if (err.status >= 400) return '4xx';
  }
  return 'ambiguous'; // dropped connection, garbled or wrongly shaped answer
}

export interface VendorWatch {
  /** When the vendor last gave any HTTP answer (even a 4xx): it is up. 0 = never. */
  lastAnswerAt(): number;
}

export function instrumentVsee(client: VseeClient, metrics: Metrics, now: () => number = Date.now): VseeClient & VendorWatch {
  let lastAnswer = 0;
  const call: VseeClient['call'] = async (c) => {
    const t0 = performance.now();
    const endpoint = vseeEndpoint(c.method, c.path);
    // Traced: a child span of the request's, current while the call (and its retries) run, so
    // the fetch in app.ts sends its traceparent to VSee.
    const request = currentRequest();
    const span = request?.span?.startVendorCall('vsee', c.method, endpoint.slice(c.method.length + 1));
    try {
      const r = await (span ? runWithRequest({ ...request!, vendorSpan: span }, () => client.call(c)) : client.call(c));
      lastAnswer = now();
      metrics.vendor('vsee', endpoint, 'ok', (performance.now() - t0) / 1000);
      span?.end('ok');
      return r;
    } catch (err) {
      const outcome = vendorOutcome(err);
      if (outcome === '4xx') lastAnswer = now();
      metrics.vendor('vsee', endpoint, outcome, (performance.now() - t0) / 1000);
      span?.end(outcome);
      throw err;
    }
  };
  return { ...client, call, lastAnswerAt: () => lastAnswer };
}
