import { describe, expect, it } from 'vitest';
import { browser, makeServer, ORIGIN, PATIENT } from '../../support/server';

describe('state-changing calls', () => {
  it('need the X-Frontdesk header', async () => {
    const b = browser(makeServer());
    const res = await b.post('/api/session/guest', PATIENT, { 'X-Frontdesk': '0' });
    expect(res.status).toBe(403);
  });

  it('are refused from a cross-site origin', async () => {
    const b = browser(makeServer(), 'https://evil.example');
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(403);
  });

  it('are refused when the browser says cross-site without an allowlisted origin', async () => {
    const b = browser(makeServer());
    const res = await b.post('/api/session/guest', PATIENT, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://look-alike.example' });
    expect(res.status).toBe(403);
  });

  it('are accepted from our own origin (the frame is same-origin with /api), not from an embedding site', async () => {
    const server = makeServer({ EMBED_ORIGINS: 'https://health.example' });
    expect((await browser(server, ORIGIN).post('/api/session/guest', PATIENT)).status).toBe(201);
    const hostPage = browser(server, 'https://health.example');
    expect((await hostPage.post('/api/session/guest', PATIENT, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });
});

describe('headers', () => {
  it('API answers are never cached and carry the security headers', async () => {
    const res = await browser(makeServer()).get('/api/session');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('frame-ancestors lists exactly our origin and EMBED_ORIGINS, without X-Frame-Options', async () => {
    const res = await browser(makeServer({ EMBED_ORIGINS: 'https://health.example' })).get('/');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://health.example");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('X-Frame-Options')).toBeNull();
  });

  it('refuses oversized bodies with 413 and malformed JSON with 400', async () => {
    const b = browser(makeServer());
    const big = await b.post('/api/session/guest', { ...PATIENT, firstName: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    const bad = await b.request('POST', '/api/session/guest', undefined, { 'Content-Type': 'application/json' });
    expect(bad.status).toBe(400);
  });
});
