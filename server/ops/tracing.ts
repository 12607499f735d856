/**
 * What the server needs of tracing, with no OpenTelemetry import: server/ops/otel.ts implements
 * it and is loaded (a dynamic import in server/main.ts) only when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set, so with tracing off the SDK costs neither start-up time nor memory.
 *
 * Span names and attributes follow the metrics' rule: route and endpoint *patterns*, methods,
 * statuses and outcome words only — never a path, an id, a name or an email.
 */
import type { VendorOutcome } from './metrics';

export interface Tracing {
  /** A server span for one request, continuing a valid incoming `traceparent`. */
  startRequest(method: string, headers: Headers): RequestSpan;
  /** Sends what is buffered now (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface RequestSpan {
  /** The caller's trace id when a valid `traceparent` came in (the request id then), else null. */
  readonly continuedTraceId: string | null;
  /** A client span, child of this request's, for one vendor call (its retries included). */
  startVendorCall(vendor: string, method: string, endpoint: string): VendorSpan;
  end(route: string, status: number): void;
}

/** Where a header can be set: a Headers object, or the plain header map of a VSee call. */
export interface HeaderSetter {
  set(name: string, value: string): unknown;
}

export interface VendorSpan {
  /** Adds `traceparent` (and `tracestate`) naming this span, so the vendor may continue the trace. */
  inject(headers: HeaderSetter): void;
  end(outcome: VendorOutcome): void;
}
