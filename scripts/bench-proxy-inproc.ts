/**
 * `npm run bench:proxy:inproc [-- --reads 3000 --concurrency 10 --upstream inproc|process]`: the CPU one
 * proxied `GET /api/visits/:id` costs inside the proxy, without the proxy's own sockets — the steadiest
 * figure on a shared machine, and the one to profile (`node --cpu-prof --import tsx scripts/bench-proxy-inproc.ts`).
 *
 * The whole app (server/app.ts) is built in this process and called with `app.fetch`, as a test does,
 * with @hono/node-server's Request and Response in place of the globals, as they are under `serve()`.
 * `--upstream inproc` (default): VSee is the in-process sandbox, so its CPU is counted too (as decision 061's
 * in-process figures were). `--upstream process`: the sandbox runs in its own process
 * (scripts/sandbox-server.ts) and the proxy reaches it over HTTP on its keep-alive pool, as in production;
 * then the figure is the proxy's own work plus its outgoing socket.
 *
 * Prints CPU µs per read (this process, all threads: GC helpers included), over three rounds after a
 * warm-up. A figure to compare before and after on one machine, not a target.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/proxy/logger';
import { benchPatient, startUpstream, stopAllAndWait, vseeOnSandbox } from './bench-processes';

const { values: args } = parseArgs({
  options: {
    reads: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '10' },
    upstream: { type: 'string', default: 'inproc' },
    rounds: { type: 'string', default: '3' },
  },
});
const reads = Number(args.reads);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
if (!(reads > 0) || !(concurrency > 0) || !(rounds > 0) || !['inproc', 'process'].includes(args.upstream!)) {
  console.error('usage: bench:proxy:inproc [--reads n] [--concurrency n] [--rounds n] [--upstream inproc|process]');
  process.exit(2);
}

// As under `serve()` in production: @hono/node-server's light Request and Response replace the globals.
getRequestListener(() => new Response(null));

const ORIGIN = 'http://127.0.0.1:8080';
const upstreamUrl = args.upstream === 'process' ? (await startUpstream()).upstreamUrl : null;
const config = loadConfig({
  LOG_LEVEL: 'warn',
  PORT: '8080',
  PUBLIC_URL: ORIGIN,
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  // As bench:proxy: the proxy's cost per VSee call, not rate limiting or the 2 s read cache.
  RATE_LIMIT_SESSIONS: '0',
  RATE_LIMIT_MUTATIONS: '0',
  RATE_LIMIT_READS: '0',
  RATE_LIMIT_READS_PER_ADDRESS: '0',
  VISIT_CACHE_MS: '0',
  ...(upstreamUrl ? vseeOnSandbox(upstreamUrl) : {}),
});
const { app } = createApp({ config, log: createLogger('warn'), clientDir: '/nonexistent' });

const patient = benchPatient((p, init) => app.fetch(new Request(ORIGIN + p, init)), { Origin: ORIGIN });
const visitId = await patient.waitingVisit();
const cookie = patient.cookie();

const url = `${ORIGIN}/api/visits/${visitId}`;
async function readMany(n: number) {
  let next = 0;
  let bad = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next++ < n) {
        const res = await app.fetch(new Request(url, { headers: { Cookie: cookie, Accept: 'application/json' } }));
        // Not read back: under serve() the answer's string goes to the socket as it is, never through a stream.
        if (res.status !== 200 || res.headers.has('Set-Cookie')) bad++;
      }
    }),
  );
  if (bad) throw new Error(`${bad} reads were not a plain 200 (or re-sealed the cookie)`);
}

await readMany(Math.min(reads, 1000)); // JIT warm-up
console.log(`bench:proxy:inproc — GET /api/visits/:id, ${reads} reads per round, ${concurrency} at a time, upstream ${args.upstream === 'process' ? `in its own process (${upstreamUrl})` : 'in this process (the sandbox counted too)'}`);
const figures: number[] = [];
for (let r = 0; r < rounds; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await readMany(reads);
  const cpu = process.cpuUsage(cpu0);
  const perRead = (cpu.user + cpu.system) / reads;
  figures.push(perRead);
  console.log(`  round ${r + 1}: ${perRead.toFixed(0)} µs CPU per read (${(cpu.system / reads).toFixed(0)} kernel), ${((reads / (performance.now() - t0)) * 1000).toFixed(0)} reads/s`);
}
figures.sort((a, b) => a - b);
console.log(`  median: ${figures[Math.floor(figures.length / 2)]!.toFixed(0)} µs CPU per read`);
await stopAllAndWait();
process.exit(0);
