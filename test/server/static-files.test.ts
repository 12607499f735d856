/**
 * The wire format of the app's files and API answers: brotli or gzip as the browser accepts,
 * made at build time for static files, with Vary so a cache never hands one browser's encoding to
 * another; small API answers and event streams go as they are.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/build';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/proxy/logger';
import { browser, guestWithIntake } from '../support/server';

let dir: string;
// Compressible, and far above the size where compressing pays.
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word number ${i}`))};\n`;
const page = `<!doctype html><html lang="en"><head><title>frontdesk</title><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(60)}</body></html>`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets/app.js'), script);
  writeFileSync(path.join(dir, 'assets/tiny.js'), 'export {};\n');
  writeFileSync(path.join(dir, 'index.html'), page);
  precompress(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeApp() {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '8080', RATE_LIMIT_SESSIONS: '0' });
  return createApp({ config, log: createLogger('silent'), clientDir: dir }).app;
}

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('static files', () => {
  it('brotli when the browser accepts it, with the right type, encoding, length and Vary', async () => {
    const res = await makeApp().request('/assets/app.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('Vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const body = await bytes(res);
    expect(Number(res.headers.get('Content-Length'))).toBe(body.length);
    expect(body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('gzip when that is all the browser accepts', async () => {
    const res = await makeApp().request('/assets/app.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(res)).toString()).toBe(script);
  });

  it('plain when the browser accepts no encoding, still with Vary for caches', async () => {
    const res = await makeApp().request('/assets/app.js');
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Vary')).toMatch(/accept-encoding/i);
    expect((await bytes(res)).toString()).toBe(script);
  });

  it('a file too small to gain is sent as it is', async () => {
    const res = await makeApp().request('/assets/tiny.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(await res.text()).toBe('export {};\n');
  });

  it('the page, at / and at any app path, compressed, revalidated, with the CSP', async () => {
    const app = makeApp();
    for (const p of ['/', '/book/walkin/details', '/visits/123']) {
      const res = await app.request(p, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('Content-Type'), p).toMatch(/^text\/html/);
      expect(res.headers.get('Content-Encoding'), p).toBe('br');
      expect(res.headers.get('Cache-Control'), p).toBe('no-cache');
      expect(res.headers.get('Content-Security-Policy'), p).toContain("script-src 'self'");
      expect(brotliDecompressSync(await bytes(res)).toString(), p).toBe(page);
    }
  });
});

describe('API answers', () => {
  it('JSON above the threshold is gzipped when accepted, plain otherwise', async () => {
    const app = makeApp();
    const b = browser({ app });
    const intakeId = await guestWithIntake(b);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const url = `/api/availability?${new URLSearchParams({ from, to, intakeId })}`;

    const zipped = await b.get(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(zipped.headers.get('Vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('Cache-Control')).toBe('no-store');
    const json = gunzipSync(await bytes(zipped)).toString();
    expect(json.length).toBeGreaterThan(1024);

    const plain = await b.get(url);
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(json);
  });

  it('a small answer goes as it is, with its length', async () => {
    const b = browser({ app: makeApp() });
    // (The clinic answer outgrew 1 KiB with its visit types and providers; "who is signed in" is small.)
    const res = await b.get('/api/session', { 'Accept-Encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body.length).toBeLessThan(1024);
    expect(res.headers.get('Content-Encoding')).toBeNull();
    expect(res.headers.get('Content-Length')).toBe(String(Buffer.byteLength(body)));
    expect(JSON.parse(body)).toHaveProperty('signedIn', false);
  });
});
