/**
 * `npm run size`: what the first page (/) costs a patient's phone. Builds the app, loads / in
 * Chromium against the real server and lists every script it fetched with its gzip and brotli
 * size and the bytes the server actually sends when asked with `Accept-Encoding: br, gzip`; then
 * the whole page's transfer (every request, headers included). Budget: 110 KB of JavaScript,
 * gzip — the run fails (exit 1) above it.
 * Without Chromium it falls back to the entry script and its preloads read from index.html.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildAll } from './build';
import { CLIENT_DIR } from '../server/app';
import { hasChromium, launch, startTestServer } from '../test/support/chromium';

const BUDGET = 110 * 1024;
await buildAll();

/** The body's bytes as they come over the wire (node:http does not decompress), and its encoding. */
function onTheWire(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] ?? 'identity' }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;

interface Row {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  wire?: { bytes: number; encoding: string };
}
const rows: Row[] = [];
let page: { bytes: number; requests: number } | null = null;

if (hasChromium) {
  const server = await startTestServer();
  const browser = await launch();
  const tab = await browser.newPage();
  const scripts = new Set<string>();
  const transfers: Promise<number>[] = [];
  tab.on('requestfinished', (req) => {
    if (req.resourceType() === 'script') scripts.add(new URL(req.url()).pathname);
    transfers.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await tab.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await tab.getByRole('heading', { level: 1 }).waitFor();
  const sizes = await Promise.all(transfers);
  page = { bytes: sizes.reduce((a, b) => a + b, 0), requests: sizes.length };
  for (const file of scripts) {
    const body = readFileSync(path.join(CLIENT_DIR, file));
    rows.push({ file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli(body), wire: await onTheWire(`${server.url}${file}`) });
  }
  await browser.close();
  await server.close();
} else {
  const html = readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) {
    const body = readFileSync(path.join(CLIENT_DIR, m[1]!));
    rows.push({ file: m[1]!, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli(body) });
  }
  console.log('(no Chromium: counted index.html scripts only, not lazy chunks the first page fetches, and no transfer)');
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const col = (s: string) => s.padStart(10);
console.log(`${col('raw')}${col('gzip')}${col('brotli')}${col('sent')}  encoding  file`);
for (const r of rows.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`${col(kb(r.raw))}${col(kb(r.gzip))}${col(kb(r.brotli))}${col(r.wire ? kb(r.wire.bytes) : '-')}  ${(r.wire?.encoding ?? '-').padEnd(8)}  ${r.file}`);
}
const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
const gzip = sum((r) => r.gzip);
console.log(`${col(kb(sum((r) => r.raw)))}${col(kb(gzip))}${col(kb(sum((r) => r.brotli)))}${col(hasChromium ? kb(sum((r) => r.wire?.bytes ?? 0)) : '-')}  total`);
console.log(`first page JavaScript (gzip): ${kb(gzip)} of ${kb(BUDGET)} budget`);
if (page) console.log(`first page transferred (every request, headers included): ${kb(page.bytes)} in ${page.requests} requests`);
if (gzip > BUDGET) {
  console.error(`size: over budget by ${kb(gzip - BUDGET)}`);
  process.exit(1);
}
