/**
 * Cross-site attacks: forged state-changing calls (CSRF), reading the API from another site
 * (CORS), and framing frontdesk on a site that is not allowlisted (clickjacking); plus the
 * headers every answer carries.
 */
import { describe, expect, it } from 'vitest';
import { apiError } from '../../src/api/contract';
import { browser, makeServer, ORIGIN, PATIENT } from '../support/server';

const HOST = 'https://health.example';
const EVIL = 'https://evil.example';

async function signedIn(server: ReturnType<typeof makeServer>) {
  const b = browser(server);
  expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
  return b;
}

async function expectForbidden(res: Response) {
  expect(res.status).toBe(403);
  expect(apiError.parse(await res.json()).error.code).toBe('forbidden');
}

describe('CSRF: state-changing calls', () => {
  it('without the X-Frontdesk header → 403, and nothing is done', async () => {
    const server = makeServer();
    const b = await signedIn(server);
    const visitsBefore = server.sandbox.store.intakes.size;
    await expectForbidden(await b.request('POST', '/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' }, { 'X-Frontdesk': 'yes' }));
    const h = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ') });
    // What a cross-site <form> can send: no custom header at all.
    await expectForbidden(await server.app.request('/api/intakes', { method: 'POST', headers: h, body: 'kind=walkin&reason=x&state=CA' }));
    expect(server.sandbox.store.intakes.size).toBe(visitsBefore);
  });

  it('from a cross-site origin → 403, even with the header', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const b = await signedIn(server);
    await expectForbidden(await b.request('POST', '/api/handoff', { target: 'dashboard' }, { Origin: EVIL }));
    await expectForbidden(await b.request('DELETE', '/api/session', undefined, { Origin: EVIL }));
    await expectForbidden(await b.request('POST', '/api/session/guest', PATIENT, { Origin: 'null' }));
  });

  it('marked cross-site by the browser without an Origin → 403', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const b = await signedIn(server);
    const headers = new Headers({
      'Content-Type': 'application/json',
      'X-Frontdesk': '1',
      'Sec-Fetch-Site': 'cross-site',
      Cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; '),
    });
    await expectForbidden(await server.app.request('/api/handoff', { method: 'POST', headers, body: '{"target":"dashboard"}' }));
  });

  it('from our own origin → allowed; from an allowlisted embedding site → 403 (it gets events, not the API)', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const b = await signedIn(server);
    expect((await b.request('POST', '/api/handoff', { target: 'dashboard' })).status).toBe(200);
    await expectForbidden(await b.request('POST', '/api/handoff', { target: 'dashboard' }, { Origin: HOST, 'Sec-Fetch-Site': 'cross-site' }));
  });
});

describe('CORS', () => {
  it('an unlisted origin gets no Access-Control-Allow-Origin', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const b = await signedIn(server);
    const res = await b.get('/api/session', { Origin: EVIL });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('an unlisted origin’s preflight is refused', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const res = await server.app.request('/api/intakes', {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-frontdesk' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(res.headers.get('Access-Control-Allow-Methods')).toBeNull();
  });

  it('an embedding site gets no CORS either: no reading handoff tokens, visits or names from a host page', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    const b = await signedIn(server);
    const v = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    expect(v.status).toBe(201);
    for (const path of ['/api/session', '/api/visits', '/api/clinic']) {
      const res = await b.get(path, { Origin: HOST, 'Sec-Fetch-Site': 'cross-site' });
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
      expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    }
    for (const [method, path] of [['POST', '/api/handoff'], ['GET', '/api/visits'], ['DELETE', '/api/session']] as const) {
      const pre = await server.app.request(path, {
        method: 'OPTIONS',
        headers: { Origin: HOST, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type,x-frontdesk' },
      });
      expect(pre.status).toBe(403);
      expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
    // A credentialed cross-site POST without a preflight cannot carry X-Frontdesk; with it, refused.
    await expectForbidden(await b.request('POST', '/api/handoff', { target: 'dashboard' }, { Origin: HOST }));
  });

  it('a look-alike of an allowlisted origin is not allowlisted', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    for (const o of ['https://health.example.evil.example', 'http://health.example', 'https://health.example:8443', 'https://xhealth.example']) {
      expect((await server.app.request('/api/clinic', { headers: { Origin: o } })).headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
  });
});

describe('framing', () => {
  /** The frame-ancestors sources of an answer's CSP. */
  const ancestors = (res: Response) => /frame-ancestors ([^;]*)/.exec(res.headers.get('Content-Security-Policy') ?? '')?.[1]?.trim().split(/\s+/);

  it('frame-ancestors names only our origin and the allowlist, on pages and API answers alike', async () => {
    const server = makeServer({ EMBED_ORIGINS: HOST });
    expect(server.config.embedOrigins).toContain(HOST);
    for (const path of ['/', '/book/details', '/api/clinic', '/api/nothing']) {
      const fa = ancestors(await server.app.request(path));
      expect(fa).toEqual(["'self'", ...server.config.embedOrigins]);
      expect(fa).not.toContain(EVIL);
      expect(fa).not.toContain('*');
    }
  });

  it('an origin not in EMBED_ORIGINS is not among them', async () => {
    const server = makeServer();
    const fa = ancestors(await server.app.request('/'));
    expect(fa).toEqual(["'self'", ...server.config.embedOrigins]);
    expect(fa).not.toContain(HOST);
  });
});

describe('headers on every answer', () => {
  const paths = ['/', '/api/clinic', '/api/session', '/api/nothing'];

  it('a strict CSP without inline script', async () => {
    const server = makeServer();
    for (const path of paths) {
      const csp = (await server.app.request(path)).headers.get('Content-Security-Policy') ?? '';
      const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(script.trim()).toBe("'self'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
    }
  });

  it('nosniff and no referrer everywhere; no-store on every API answer, errors included', async () => {
    const server = makeServer();
    const b = await signedIn(server);
    const answers = [
      await b.get('/api/clinic'),
      await b.get('/api/session'),
      await b.get('/api/nothing'),
      await browser(server).get('/api/visits'), // 401
      await b.request('POST', '/api/intakes', { kind: 'x' }), // 400
      await b.request('POST', '/api/intakes', {}, { 'X-Frontdesk': '0' }), // 403
    ];
    for (const res of answers) {
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it('HSTS only when served over HTTPS', async () => {
    const plain = await makeServer().app.request('/api/clinic');
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
    const tls = await makeServer({ PUBLIC_URL: 'https://frontdesk.example' }).app.request('/api/clinic');
    expect(tls.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d{7,}/);
  });
});
