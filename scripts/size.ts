/**
 * `npm run size`: the gzip size of the JavaScript the first page (/) loads, measured by loading it
 * in Chromium against the built app and compressing every script it fetched. Budget: 150 KB.
 * Without Chromium it falls back to the entry script and its preloads read from index.html.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAll } from './build';
import { CLIENT_DIR } from '../server/app';
import { hasChromium, launch, startTestServer } from '../test/support/chromium';

const BUDGET = 150 * 1024;
await buildAll();

const sizes = new Map<string, number>();
if (hasChromium) {
  const server = await startTestServer();
  const browser = await launch();
  const page = await browser.newPage();
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script') sizes.set(new URL(res.url()).pathname, gzipSync(await res.body(), { level: 9 }).length);
  });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await browser.close();
  await server.close();
} else {
  const html = readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) {
    sizes.set(m[1]!, gzipSync(readFileSync(path.join(CLIENT_DIR, m[1]!)), { level: 9 }).length);
  }
  console.log('(no Chromium: counted index.html scripts only, not lazy chunks the first page fetches)');
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const [file, n] of [...sizes].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(9)}  ${file}`);
const total = [...sizes.values()].reduce((a, b) => a + b, 0);
console.log(`first page JavaScript (gzip): ${kb(total)} of ${kb(BUDGET)} budget`);
if (total > BUDGET) process.exit(1);
