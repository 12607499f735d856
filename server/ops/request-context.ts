/**
 * The request id, and what a request's handlers want the ops layer to know about it, carried
 * through async calls with AsyncLocalStorage: log lines (the logger's mixin), VSee calls (a
 * header) and error bodies (the patient's reference) read it without every function passing it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomInt } from 'node:crypto';
import type { Visit } from '../../src/api/contract';
import type { RequestSpan, VendorSpan } from './tracing';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A booking whose answer was lost and then found, or an Idempotency-Key replay (see metrics). */
export type RequestNote = 'recovered' | 'replay';

export interface RequestContext {
  id: string;
  notes: Set<RequestNote>;
  /** The request's trace span, when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT). */
  span?: RequestSpan;
  /** Inside a vendor call: its span, whose `traceparent` goes to the vendor. */
  vendorSpan?: VendorSpan;
  /** The visit a read answered with (GET /api/visits/:id), for the waiting-room metrics. */
  visit?: Visit;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.id;
}

/**
 * The visit this request answers with: the ops layer counts waiting rooms from it without reading
 * the answer back (cloning, decompressing and parsing every poll's body cost as much as the route).
 */
export function noteVisit(v: Visit): void {
  const ctx = storage.getStore();
  if (ctx) ctx.visit = v;
}

/** Tells the ops layer something only the route knows (e.g. this booking was recovered). */
export function noteRequest(note: RequestNote): void {
  storage.getStore()?.notes.add(note);
}

// Crockford's base32 without I, L, O, U: short enough to read out over the phone to a clinic,
// no letters that look like digits. 10 characters = 50 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newRequestId(): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

// Only ids that cannot carry anything but an id: they are logged and echoed back.
const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;
// W3C trace context: version-traceid-parentid-flags; an all-zero trace id is invalid.
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The id a request is known by: the trace id of a valid `traceparent` (so the request id and the
 * trace id agree, whether or not tracing is on here), else a valid incoming X-Request-Id (a load
 * balancer's), else a new one.
 */
export function requestIdFrom(headers: { get(name: string): string | null | undefined }): string {
  const trace = TRACEPARENT.exec(headers.get('traceparent')?.trim().toLowerCase() ?? '');
  if (trace && !/^0+$/.test(trace[1]!) && !trace[0].startsWith('ff') && !/^[0-9a-f]{2}-[0-9a-f]{32}-0{16}-/.test(trace[0])) return trace[1]!;
  const given = headers.get(REQUEST_ID_HEADER)?.trim();
  if (given && INCOMING_ID.test(given)) return given;
  return newRequestId();
}
