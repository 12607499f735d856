import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiGet, apiSend, ApiRequestError } from '../../../src/api/client';
import { clinic, visit } from '../../../src/api/contract';
import { riverbend } from '../../support/fake-api';

function stubFetch(respond: () => Response | Promise<Response>) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => respond());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('api client', () => {
  it('GETs same-origin without the CSRF header and parses with the schema', async () => {
    const fetch = stubFetch(() => json(200, { ...riverbend, extra: 'dropped' }));

    await expect(apiGet('/api/clinic', clinic)).resolves.toEqual(riverbend);
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe('/api/clinic');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).has('X-Frontdesk')).toBe(false);
  });

  it('sends JSON with the CSRF header and the Idempotency-Key on state-changing calls', async () => {
    const created = {
      id: '1',
      kind: 'walkin',
      modality: 'video',
      status: 'pending',
      start: '2026-11-23T20:00:00.000Z',
      end: '2026-11-23T20:15:00.000Z',
      provider: null,
    };
    const fetch = stubFetch(() => json(201, created));

    await expect(apiSend('POST', '/api/walkins', { intakeId: 'i-1' }, visit, { idempotencyKey: 'key-1' })).resolves.toEqual(
      created,
    );
    const init = fetch.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"intakeId":"i-1"}');
    expect(headers.get('X-Frontdesk')).toBe('1');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Idempotency-Key')).toBe('key-1');
  });

  it('turns a contract error body into an ApiRequestError with fields', async () => {
    stubFetch(() =>
      json(400, { error: { code: 'bad_request', message: 'Some details need fixing.', fields: { email: 'email', phone: 'Bad phone' } } }),
    );

    const error = await caught(apiSend('POST', '/api/session/guest', {}, z.object({})));
    expect(error).toBeInstanceOf(ApiRequestError);
    // Field errors are codes; one the client does not know reads as `invalid`.
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'Some details need fixing.', fields: { email: 'email', phone: 'invalid' } });
  });

  it('reports slot_taken as its own code', async () => {
    stubFetch(() => json(409, { error: { code: 'slot_taken', message: 'Taken.' } }));

    await expect(apiSend('POST', '/api/appointments', {}, visit)).rejects.toMatchObject({ status: 409, code: 'slot_taken' });
  });

  it('copes with an error page that is not JSON (a proxy or load balancer answered)', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));

    await expect(apiGet('/api/clinic', clinic)).rejects.toMatchObject({ status: 502, code: 'upstream_unavailable' });
  });

  it('reports a failed connection as a network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(apiGet('/api/clinic', clinic)).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('rejects an answer that breaks the contract', async () => {
    stubFetch(() => json(200, { name: 'Riverbend' }));

    await expect(apiGet('/api/clinic', clinic)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('keeps a cancellation a cancellation', async () => {
    const controller = new AbortController();
    stubFetch(() => {
      controller.abort();
      return Promise.reject(new DOMException('Aborted', 'AbortError'));
    });

    const error = await caught(apiGet('/api/clinic', clinic, { signal: controller.signal }));
    expect(error).not.toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('accepts an empty answer when no schema is expected', async () => {
    const fetch = stubFetch(() => new Response(null, { status: 204 }));

    await expect(apiSend('DELETE', '/api/session', undefined, null)).resolves.toBeUndefined();
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('X-Frontdesk')).toBe('1');
  });

  it('keeps the request’s reference from the error body, or from X-Request-Id when a load balancer answered', async () => {
    stubFetch(() => json(502, { error: { code: 'upstream_unavailable', message: 'Down.', reference: 'K7M2Q9XA3P' } }));
    expect(await caught(apiGet('/api/clinic', clinic))).toMatchObject({ code: 'upstream_unavailable', reference: 'K7M2Q9XA3P' });
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'X-Request-Id': 'edge-1234abcd' } }));
    expect(await caught(apiGet('/api/clinic', clinic))).toMatchObject({ code: 'upstream_unavailable', reference: 'edge-1234abcd' });
    stubFetch(() => new Response('nope', { status: 502 }));
    expect(((await caught(apiGet('/api/clinic', clinic))) as ApiRequestError).reference).toBeUndefined();
  });
});
