/**
 * `npm run lighthouse`: Lighthouse 12 (the last major on Node 20), mobile preset (a mid-range
 * phone on simulated slow 4G), on the start page and the details page of the freshly built app,
 * in Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium). Prints the four category
 * scores, FCP, LCP, TBT, CLS and the bytes transferred, and every best-practices finding (console
 * errors, CSP issues) so a lost point says why. A report, not a test: it exits 0 whatever the
 * scores (targets: performance ≥ 95, accessibility 100, best practices 100). Raw reports go to
 * test-results/lighthouse/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildAll } from './build';
import { startTestServer } from '../test/support/chromium';
import { CHROMIUM_FLAGS } from '../test/support/chromium-launch';

const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', ...CHROMIUM_FLAGS];
const PAGES = [
  { name: 'start', path: '/' },
  { name: 'details', path: '/book/appointment/details' },
];
const OUT = path.resolve(import.meta.dirname, '../test-results/lighthouse');

await buildAll();
mkdirSync(OUT, { recursive: true });
const server = await startTestServer({ RATE_LIMIT_SESSIONS: '0' });
const chrome = await launchChrome({ chromePath: CHROME_PATH, chromeFlags: FLAGS, logLevel: 'error' });

const rows: string[][] = [['page', 'perf', 'a11y', 'best', 'seo', 'FCP', 'LCP', 'TBT', 'CLS', 'transferred']];
const findings: string[] = [];
try {
  for (const p of PAGES) {
    // Lighthouse's default config is the mobile preset (Moto G Power, simulated slow 4G, 4× CPU).
    const result = await lighthouse(`${server.url}${p.path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`lighthouse gave no result for ${p.path}`);
    const { lhr } = result;
    writeFileSync(path.join(OUT, `${p.name}.json`), typeof result.report === 'string' ? result.report : JSON.stringify(lhr));
    if (lhr.runtimeError) throw new Error(`${p.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (id: string) => {
      const s = lhr.categories[id]?.score;
      return s === null || s === undefined ? '-' : String(Math.round(s * 100));
    };
    const shown = (id: string) => lhr.audits[id]?.displayValue ?? '-';
    const bytes = lhr.audits['total-byte-weight']?.numericValue ?? 0;
    rows.push([
      p.name,
      score('performance'),
      score('accessibility'),
      score('best-practices'),
      score('seo'),
      shown('first-contentful-paint'),
      shown('largest-contentful-paint'),
      shown('total-blocking-time'),
      shown('cumulative-layout-shift'),
      `${(bytes / 1024).toFixed(1)} KiB`,
    ]);
    for (const ref of lhr.categories['best-practices']?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score === 1) continue;
      const items = ((a.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? [])
        .map((i) => String(i.description ?? i.issueType ?? i.url ?? '').slice(0, 160))
        .filter(Boolean);
      findings.push(`${p.name}: ${a.id} — ${a.title}${items.length ? `: ${items.join(' | ')}` : ''}`);
    }
  }
} finally {
  chrome.kill();
  await server.close();
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
console.log(findings.length ? `\nbest-practices findings:\n  ${findings.join('\n  ')}` : '\nbest-practices: no findings');
console.log(`\nfull reports: ${path.relative(process.cwd(), OUT)}/`);
