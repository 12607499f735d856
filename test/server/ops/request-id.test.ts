import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../../../src/api/contract';
import { requestIdFrom } from '../../../server/ops/request-context';
import { browser, PATIENT } from '../../support/server';
import { opsServer } from './support';

const h = (o: Record<string, string>) => new Headers(o);

describe('request ids', () => {
  it('keeps a valid incoming X-Request-Id or traceparent, makes one otherwise', () => {
    expect(requestIdFrom(h({ 'X-Request-Id': 'lb-7f3a9c2e11' }))).toBe('lb-7f3a9c2e11');
    expect(requestIdFrom(h({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }))).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // Both: the trace's id, so the request id and the trace id agree.
    expect(requestIdFrom(h({ 'X-Request-Id': 'lb-7f3a9c2e11', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }))).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    // Not ids: too short, spaces or other characters (they are logged and echoed), bad trace contexts.
    const bads: Record<string, string>[] = [{ 'X-Request-Id': 'abc' }, { 'X-Request-Id': 'ada quill <ada@example.com>' }, { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' }, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01' }, { traceparent: 'garbage' }, {}];
    for (const bad of bads) {
      expect(requestIdFrom(h(bad))).toMatch(/^[0-9A-Z]{10}$/);
    }
    expect(requestIdFrom(h({}))).not.toBe(requestIdFrom(h({})));
  });

  it('is returned, sent to VSee on every call, on every log line of the request, and in error bodies', async () => {
    const logs: string[] = [];
    const server = opsServer({}, { logs });
    const seen: (string | null)[] = [];
    const real = server.sandbox.fetch.bind(server.sandbox);
    vi.spyOn(server.sandbox, 'fetch').mockImplementation(async (req: Request) => {
      seen.push(req.headers.get('X-Request-Id'));
      return real(req);
    });
    const b = browser(server);
    const res = await b.post('/api/session/guest', PATIENT, { 'X-Request-Id': 'edge-0123abcd' });
    expect(res.status).toBe(201);
    expect(res.headers.get('X-Request-Id')).toBe('edge-0123abcd');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['edge-0123abcd']));
    const lines = logs.map((l) => JSON.parse(l) as { reqId?: string; audit?: string });
    expect(lines.filter((l) => l.audit === 'session_start').map((l) => l.reqId)).toEqual(['edge-0123abcd']);

    // An error names its request: the patient quotes it, the clinic finds the log lines.
    server.sandbox.faults.add([{ route: 'POST /intakes', kind: 'error', status: 500 }]);
    const failed = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    expect(failed.status).toBe(502);
    const reference = apiError.parse(await failed.json()).error.reference;
    expect(reference).toMatch(/^[0-9A-Z]{10}$/);
    expect(failed.headers.get('X-Request-Id')).toBe(reference);
    const errorLine = logs.map((l) => JSON.parse(l) as { reqId?: string; msg?: string }).find((l) => l.msg === 'request failed');
    expect(errorLine?.reqId).toBe(reference);
    // A refusal by a guard too.
    const refused = await b.post('/api/intakes', {}, { 'X-Frontdesk': '0' });
    expect(refused.status).toBe(403);
    expect(apiError.parse(await refused.json()).error.reference).toBe(refused.headers.get('X-Request-Id'));
  });
});
