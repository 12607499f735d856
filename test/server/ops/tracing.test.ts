/**
 * OpenTelemetry traces, as an operator's collector receives them: a small OTLP/HTTP receiver on a
 * free port takes what the official exporter sends (JSON), and the spans of a scripted booking are
 * read back from it — one server span per request (route pattern, status), a client span per VSee
 * call under it (endpoint pattern, outcome), the incoming traceparent continued and passed on to
 * VSee, the request id equal to the trace id — and no patient's name, email or visit id anywhere.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiError } from '../../../src/api/contract';
import { loadConfig } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/main';
import { safeLabel } from '../../../server/ops/metrics';
import { browser, newKey, PATIENT } from '../../support/server';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

/** The collector: every POST body, as received. */
function otlpReceiver() {
  const bodies: { path: string; contentType: string; text: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return {
    bodies,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    spans(): OtlpSpan[] {
      return bodies.flatMap((b) => (JSON.parse(b.text) as OtlpExport).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    },
  };
}

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes?.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue === undefined ? undefined : Number(v.intValue));
};

const sdkLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((p) => /@opentelemetry[\\/](sdk-trace|exporter-trace)/.test(p));

describe('OpenTelemetry traces', () => {
  const receiver = otlpReceiver();
  let endpoint = '';
  let running: RunningServer;

  beforeAll(async () => {
    endpoint = await receiver.start();
  });
  afterAll(async () => {
    await running?.close();
    await receiver.close();
  });

  // First in this file (its own process): nothing before it has started tracing.
  it('is off by default, and its SDK is not even loaded', async () => {
    const off = await startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_HOST_PORT: '0' }));
    try {
      expect(off.tracing).toBeNull();
      expect((await off.app.app.request('/healthz')).status).toBe(200);
      expect(sdkLoaded()).toBe(false);
    } finally {
      await off.close();
    }
    expect(receiver.bodies).toEqual([]);
  });

  it('sends a span per request and per VSee call, continues the caller’s trace, and names no patient', async () => {
    running = await startServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_HOST_PORT: '0', PUBLIC_URL: 'http://localhost:8080', OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/` }),
    );
    expect(running.tracing).not.toBeNull();
    expect(sdkLoaded()).toBe(true);
    const sandbox = running.app.sandbox!;
    // What VSee receives: the trace context of each call.
    const toVsee: { path: string; traceparent: string | null; requestId: string | null }[] = [];
    const real = sandbox.fetch.bind(sandbox);
    vi.spyOn(sandbox, 'fetch').mockImplementation(async (req: Request) => {
      toVsee.push({ path: new URL(req.url).pathname, traceparent: req.headers.get('traceparent'), requestId: req.headers.get('X-Request-Id') });
      return real(req);
    });

    // A scripted booking: Maya joins the queue, her provider starts the visit, her waiting room sees it.
    const maya = browser({ app: running.app.app });
    expect((await maya.post('/api/session/guest', PATIENT)).status).toBe(201);
    const reason = 'Cough for a week';
    const intake = (await (await maya.post('/api/intakes', { kind: 'walkin', reason, state: 'CA', phone: PATIENT.phone })).json()) as { id: string };
    const w = await maya.post('/api/walkins', { intakeId: intake.id }, { 'Idempotency-Key': newKey() });
    expect(w.status).toBe(201);
    const visitId = ((await w.json()) as { id: string }).id;
    expect((await running.app.app.request(`/sandbox/vc/providers/visits/${visitId}/start`, { method: 'POST' })).status).toBe(303);
    // This poll comes from a caller that traces (a gateway in front of us): its trace goes on.
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const polled = await maya.get(`/api/visits/${visitId}`, { traceparent: `00-${callerTrace}-${callerSpan}-01`, 'X-Request-Id': 'edge-0123abcd' });
    expect(polled.status).toBe(200);
    expect(polled.headers.get('X-Request-Id')).toBe(callerTrace);
    // VSee fails once: the vendor span says how, the request span says 5xx.
    sandbox.faults.add([{ route: 'POST /intakes', kind: 'error', status: 503, times: 1 }]);
    const failed = await maya.post('/api/intakes', { kind: 'walkin', reason, state: 'CA' });
    expect(failed.status).toBe(502);

    await running.tracing!.flush();
    expect(receiver.bodies.length).toBeGreaterThan(0);
    for (const b of receiver.bodies) {
      expect(b.path).toBe('/v1/traces');
      expect(b.contentType).toMatch(/^application\/json/);
    }
    const first = JSON.parse(receiver.bodies[0]!.text) as OtlpExport;
    expect(first.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue).toBe('frontdesk');

    const spans = receiver.spans();
    const servers = spans.filter((s) => s.kind === SERVER);
    const named = (name: string) => servers.filter((s) => s.name === name);
    const childrenOf = (parent: OtlpSpan) => spans.filter((s) => s.parentSpanId === parent.spanId && s.traceId === parent.traceId);

    // One server span per request, named by route pattern, with its status.
    const [guest] = named('POST /api/session/guest');
    const intakes = named('POST /api/intakes');
    const [walkin] = named('POST /api/walkins');
    const [poll] = named('GET /api/visits/:id');
    expect(guest && walkin && poll).toBeTruthy();
    expect(intakes).toHaveLength(2);
    expect(attr(walkin!, 'http.route')).toBe('/api/walkins');
    expect(attr(walkin!, 'http.request.method')).toBe('POST');
    expect(attr(walkin!, 'http.response.status_code')).toBe(201);
    expect(attr(poll!, 'http.response.status_code')).toBe(200);
    expect(walkin!.parentSpanId ?? '').toBe('');

    // A client span per VSee call, under its request, named by endpoint pattern, with its outcome.
    const walkinCalls = childrenOf(walkin!);
    expect(walkinCalls.length).toBeGreaterThan(0);
    expect(walkinCalls.every((s) => s.kind === CLIENT && attr(s, 'peer.service') === 'vsee' && attr(s, 'frontdesk.vendor.outcome') === 'ok')).toBe(true);
    const add = walkinCalls.find((s) => s.name === 'vsee POST visits/add_walkin');
    expect(add).toBeDefined();
    expect(attr(add!, 'url.template')).toBe('visits/add_walkin');
    expect(childrenOf(guest!).map((s) => s.name)).toContain('vsee POST users/sso');
    // …and VSee was told the call's own span: its traceparent, beside the request id.
    const addSent = toVsee.find((c) => c.path.endsWith('/visits/add_walkin'));
    expect(addSent?.traceparent).toBe(`00-${walkin!.traceId}-${add!.spanId}-01`);

    // The caller's trace continued: same trace id, our span under theirs, the request id = the trace id.
    expect(poll!.traceId).toBe(callerTrace);
    expect(poll!.parentSpanId).toBe(callerSpan);
    const pollCalls = childrenOf(poll!);
    expect(pollCalls.map((s) => s.name)).toContain('vsee GET visits/:id');
    const pollSent = toVsee.filter((c) => c.requestId === callerTrace);
    expect(pollSent.length).toBeGreaterThan(0);
    for (const c of pollSent) expect(c.traceparent).toMatch(new RegExp(`^00-${callerTrace}-(${pollCalls.map((s) => s.spanId).join('|')})-01$`));

    // The failure: the vendor span is an error with its outcome, the request span a 502.
    const failedSpan = intakes.find((s) => attr(s, 'http.response.status_code') === 502)!;
    expect(failedSpan.status?.code).toBe(ERROR);
    expect(apiError.parse(await failed.json()).error.reference).toBe(failed.headers.get('X-Request-Id'));
    const failedCalls = childrenOf(failedSpan).filter((s) => s.name === 'vsee POST intakes');
    expect(failedCalls.map((s) => attr(s, 'frontdesk.vendor.outcome'))).toEqual(['5xx']);
    expect(failedCalls[0]!.status?.code).toBe(ERROR);

    // No PHI and no ids: not in a name, not in an attribute, not anywhere in what was sent.
    const member = String([...sandbox.store.users.values()].at(-1)!.id);
    const everything = receiver.bodies.map((b) => b.text).join('\n');
    for (const secret of [visitId, intake.id, member, PATIENT.firstName, PATIENT.lastName, PATIENT.email, PATIENT.phone, reason, 'edge-0123abcd']) {
      expect(everything, secret).not.toContain(secret);
    }
    for (const s of spans) {
      expect(safeLabel(s.name), s.name).toBe(s.name);
      for (const a of s.attributes ?? []) {
        const v = a.value.stringValue;
        if (v !== undefined) expect(safeLabel(v), `${s.name} ${a.key}=${v}`).toBe(v);
      }
    }
  });
});
