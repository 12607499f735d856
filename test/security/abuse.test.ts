/** Brute force, oversized and malformed bodies: refused with a clear 4xx, never a 5xx. */
import { describe, expect, it } from 'vitest';
import { apiError } from '../../src/api/contract';
import { browser, makeServer, PATIENT } from '../support/server';

describe('brute force', () => {
  it('guessing launch tokens or opening guest sessions in a loop → 429 with Retry-After', async () => {
    const server = makeServer();
    const from = browser(server, undefined, { address: '203.0.113.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = i % 2 ? await from.post('/api/session/launch', { token: `guess-${i}` }) : await from.post('/api/session/guest', PATIENT);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
        expect(apiError.parse(await res.json()).error.code).toBe('rate_limited');
      }
    }
    expect(statuses.slice(0, 20)).not.toContain(429); // the default allows 20 per 10 minutes
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });

  it('hammering mutations in one session → 429', async () => {
    const server = makeServer();
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    let first429 = -1;
    for (let i = 0; i < 70 && first429 < 0; i++) {
      const res = await b.post('/api/visits/1/cancel', { reason: 'patient_exit_room' });
      if (res.status === 429) {
        first429 = i;
        expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      }
    }
    expect(first429).toBe(60); // the default allows 60 per 10 minutes
  });
});

describe('bodies', () => {
  it('over the size limit → 413', async () => {
    const b = browser(makeServer());
    const res = await b.post('/api/session/guest', { ...PATIENT, firstName: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(apiError.parse(await res.json()).error.code).toBe('payload_too_large');
  });

  it('over the size limit without a Content-Length (streamed) → 413', async () => {
    const server = makeServer();
    const chunk = new TextEncoder().encode('x'.repeat(8192));
    let sent = 0;
    const body = new ReadableStream({
      pull(c) {
        if (sent++ < 4) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await server.app.request('/api/session/guest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', Origin: 'http://localhost:8080' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'firstName=Ada'],
    ['truncated JSON', '{"firstName": "Ada"'],
    ['JSON null', 'null'],
    ['a JSON string', '"hello"'],
    ['a JSON array', '[1,2,3]'],
  ])('malformed (%s) → 400 with a message', async (_name, raw) => {
    const server = makeServer();
    const res = await server.app.request('/api/session/guest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', Origin: 'http://localhost:8080' },
      body: raw,
    });
    expect(res.status).toBe(400);
    const e = apiError.parse(await res.json());
    expect(e.error.code).toBe('bad_request');
    expect(e.error.message.length).toBeGreaterThan(5);
  });
});
