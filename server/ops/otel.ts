/**
 * OpenTelemetry traces with the official SDK, exported over OTLP/HTTP (JSON). Loaded only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (server/main.ts imports this module dynamically).
 *
 * Nothing is registered globally: the request's span travels in the request context that already
 * carries the request id (request-context.ts), and parents are passed explicitly. A global
 * registration would also make libraries that trace through @opentelemetry/api on their own (the
 * Redis client does) export spans we never chose — with store keys that carry session ids.
 */
import { context, SpanKind, SpanStatusCode, trace, type Context as OtelContext, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { VendorOutcome } from './metrics';
import { safeLabel } from './metrics';
import type { HeaderSetter, RequestSpan, Tracing, VendorSpan } from './tracing';

export interface OtelOptions {
  /** Where spans are POSTed (…/v1/traces). */
  url: string;
  serviceName: string;
  serviceVersion?: string;
}

const getter: TextMapGetter<Headers> = {
  keys: (h) => [...h.keys()],
  get: (h, key) => h.get(key) ?? undefined,
};
const setter: TextMapSetter<HeaderSetter> = {
  set: (h, key, value) => h.set(key, value),
};

export function startTracing(opts: OtelOptions): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName, ...(opts.serviceVersion ? { 'service.version': opts.serviceVersion } : {}) }),
    // Other OTEL_EXPORTER_OTLP_* settings (headers, timeout, compression) the exporter reads itself.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: opts.url }))],
  });
  const tracer = provider.getTracer('frontdesk');
  const propagator = new W3CTraceContextPropagator();

  function startRequest(method: string, headers: Headers): RequestSpan {
    const m = safeLabel(method);
    const parent: OtelContext = propagator.extract(context.active(), headers, getter);
    const remote = trace.getSpanContext(parent);
    const span: Span = tracer.startSpan(m, { kind: SpanKind.SERVER, attributes: { 'http.request.method': m } }, parent);
    const here = trace.setSpan(parent, span);
    return {
      continuedTraceId: remote && trace.isSpanContextValid(remote) ? remote.traceId : null,
      startVendorCall(vendor, method, endpoint): VendorSpan {
        const name = safeLabel(`${vendor} ${method} ${endpoint}`);
        const call = tracer.startSpan(
          name,
          {
            kind: SpanKind.CLIENT,
            attributes: { 'peer.service': safeLabel(vendor), 'http.request.method': safeLabel(method), 'url.template': safeLabel(endpoint) },
          },
          here,
        );
        const callContext = trace.setSpan(here, call);
        return {
          inject: (h) => propagator.inject(callContext, h, setter),
          end(outcome: VendorOutcome) {
            call.setAttribute('frontdesk.vendor.outcome', outcome);
            if (outcome !== 'ok') call.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
            call.end();
          },
        };
      },
      end(route, status) {
        const r = safeLabel(route);
        span.updateName(`${m} ${r}`);
        span.setAttributes({ 'http.route': r, 'http.response.status_code': status });
        // Server spans: only 5xx is this server's failure (4xx is the client's).
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      },
    };
  }

  return {
    startRequest,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
