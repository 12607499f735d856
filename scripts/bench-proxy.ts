/**
 * `npm run bench:proxy [-- --duration 10 --connections 200 --workers 1 --warmup 2 --only visits|availability --topology both|shared|pinned --proxy-flags=--max-semi-space-size=32]`:
 * what the proxy costs. Three processes, as in production: the upstream (the VSee sandbox,
 * scripts/sandbox-server.ts) in its own process, the proxy (server/main.ts configured with
 * VSEE_API_BASE pointing at it) in another, and this one, which only generates load (autocannon).
 *
 * A guest signs in through the proxy and books a walk-in; a second patient is made straight at the
 * upstream with the VSee calls the proxy would make. Then the same reads are loaded through the
 * proxy and straight to the upstream, one after the other:
 *
 *   GET /api/visits/:id            vs  GET /sandbox/api_v3/visits/:id
 *   GET /api/availability?…        vs  GET /sandbox/api_v3/availability?…
 *
 * Floor rows load the same upstream visit read through measuring sticks, each in its own process:
 *
 *   bare         scripts/bare-passthrough.ts — node:http in, undici out, nothing else: the floor
 *                under any Node proxy on this machine (a second hop).
 *   hono         scripts/hono-passthrough.ts — the same pass-through as a Hono app served by
 *                @hono/node-server as server/main.ts serves the real app.
 *   hono+stack   the same with the real app's front middleware (ops, secure headers, CORP, API
 *                compression) and nothing of the patient API.
 *
 * The proxy's CPU per read then splits into: second hop / Hono + node-server / frontdesk's front
 * middleware / the route's own work (patient guards, session, ownership, VSee client, zod,
 * presentation) — printed per topology. `--skip-floor` leaves the floors out.
 *
 * Two topologies (decision 070), each printed with its own floor row (`--topology both`, the default):
 *
 *   shared  every process may run on every CPU: on a small machine the load generator, the upstream
 *           and the proxy compete for the same cores, so a second hop costs the upstream CPU too.
 *   pinned  with `taskset` (util-linux): the proxy (and the floor) alone on the first CPU, the load
 *           generator and the upstream on the second — in the straight run too. The ratio then asks
 *           "does a proxy with a core of its own keep up with the upstream?", as in production, where
 *           the proxy has its own machine. Other work on the machine is not pinned away: it still
 *           shares both CPUs. Skipped with a printed reason without taskset or with fewer than 2 CPUs.
 *
 * Prints requests/s, p50/p99 of each, their ratios, and the CPU time each process spent per
 * request (from /proc; Linux) and the proxy's memory. Any error, timeout or non-2xx answer fails
 * the run (exit 1). Rate limits are off: this measures throughput, not abuse handling. The visit-read
 * cache is off too (VISIT_CACHE_MS=0): each proxied read is one VSee call, as without the cache. Targets
 * (issue #15) for GET /api/visits/:id at 200 connections: throughput ≥ 0.8× and p99 ≤ 1.25× of
 * straight to the upstream.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { VISIT_TYPE, USER_TYPE } from '../server/vsee/codes';
import { createVseeClient } from '../server/vsee/client';
import { intakeCreated, ssoUser, visit } from '../server/vsee/schemas';
import { SANDBOX } from '../server/vsee-sandbox/credentials';
import { serverNodeFlags } from './node-flags';
import { benchPatient, canPin, cpuMs, cpuSplitMs, pin, rssMb, startProcess, startUpstreamAndProxy, stopAll } from './bench-processes';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1' },
    /** Unreported load before each measured phase, so JIT warm-up does not count against the first. */
    warmup: { type: 'string', default: '2' },
    /** Run one pair only: `visits` or `availability`. */
    only: { type: 'string' },
    /**
     * Node/V8 flags for the proxy process (and the floors), space-separated, in place of those `npm start`
     * uses (scripts/node-flags.ts), to compare settings: `--proxy-flags=` runs node's defaults.
     */
    'proxy-flags': { type: 'string' },
    /** Write a V8 CPU profile of the proxy process into this directory (open it in Chrome DevTools). */
    profile: { type: 'string' },
    /** Leave out the floor row (scripts/bare-passthrough.ts: the cheapest possible Node hop). */
    'skip-floor': { type: 'boolean', default: false },
    /** `shared`, `pinned` (taskset) or `both` (shared first): see above. */
    topology: { type: 'string', default: 'both' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const workers = Number(args.workers);
const warmup = Number(args.warmup);
if (!(duration > 0) || !(connections > 0) || !(workers >= 0) || !(warmup >= 0) || !['both', 'shared', 'pinned'].includes(args.topology!)) {
  console.error(
    'usage: bench:proxy [--duration seconds] [--connections n] [--workers n] [--warmup seconds] [--only visits|availability] [--topology both|shared|pinned] [--skip-floor] [--profile dir] [--proxy-flags="--v8-flag …"]',
  );
  process.exit(2);
}
// Pinning needs taskset and two CPUs this process may use; without them only the shared run is made.
const pinnable = canPin();
if (!pinnable.ok) console.log(`bench:proxy: no pinned run — ${pinnable.why}`);
const topologies = (args.topology === 'both' ? ['shared', 'pinned'] : [args.topology!]).filter((t) => t === 'shared' || pinnable.ok);
if (topologies.length === 0) process.exit(1);

// The proxy's node flags: as `npm start` gives them, unless --proxy-flags says otherwise.
const nodeFlags = args['proxy-flags'] === undefined ? serverNodeFlags() : args['proxy-flags'].split(/\s+/).filter(Boolean);

// ---- processes ----------------------------------------------------------------------------
const { upstream: up, proxy, upstreamUrl, proxyUrl, proxyEnv } = await startUpstreamAndProxy({
  profile: args.profile,
  nodeFlags: nodeFlags,
  env: {
    // Every read limit off (sessions and mutations are off in bench-processes.ts): one session
    // sending thousands of reads is this bench's whole point, and 429s would count as errors.
    RATE_LIMIT_READS: '0',
    RATE_LIMIT_READS_PER_ADDRESS: '0',
    // No visit-read cache: every proxied read makes its VSee call, so the figures are the proxy's
    // own cost per call, not how often a 2 s cache can answer one visit from memory.
    VISIT_CACHE_MS: '0',
  },
});

// The floors: measuring sticks in front of the same upstream, each in its own process, cheapest first.
const FLOORS = [
  { label: 'bare Node hop', says: 'second hop (node:http + undici)', script: 'scripts/bare-passthrough.ts', env: {} },
  { label: 'Hono pass-through', says: 'Hono + @hono/node-server', script: 'scripts/hono-passthrough.ts', env: {} },
  { label: 'Hono + front stack', says: 'front middleware (ops, headers, CORP, compression)', script: 'scripts/hono-passthrough.ts', env: { FRONT_STACK: '1', ...proxyEnv } },
];
const floors = args['skip-floor']
  ? []
  : await Promise.all(
      FLOORS.map(async (f) => ({ ...f, started: await startProcess(f.label, [...nodeFlags, f.script], { UPSTREAM: upstreamUrl, ...f.env }, /passthrough listening on (\S+)/) })),
    );

// ---- a patient through the proxy ----------------------------------------------------------
const patient = benchPatient((p, init) => fetch(proxyUrl + p, init));
const { api } = patient;
const proxyVisit = await patient.waitingVisit();
const proxyApptIntake = (await api('POST', '/api/intakes', { kind: 'appointment', reason: 'Benchmark', state: 'CA' })).id as string;

// ---- a patient straight at the upstream (the calls the proxy makes) ---------------------------
const vsee = createVseeClient({
  apiBase: `${upstreamUrl}/sandbox/api_v3/`,
  accountCode: SANDBOX.accountCode,
  apiKey: SANDBOX.apiKey,
  apiSecret: SANDBOX.apiSecret,
  timeoutMs: 10_000,
  fetch: (req) => fetch(req),
});
const user = await vsee.call({
  method: 'POST',
  path: 'users/sso',
  appAuth: true,
  schema: ssoUser,
  body: { code: `bench-${randomBytes(8).toString('hex')}`, first_name: 'Straight', last_name: 'Mark', type: USER_TYPE.member },
});
const token = user.token.token;
const intake = (type: number) =>
  vsee.call({ method: 'POST', path: 'intakes', token, schema: intakeCreated, body: { type, reason_for_visit: 'Benchmark', room_code: SANDBOX.roomCode, location: 'CA' } });
const directVisit = (
  await vsee.call({ method: 'POST', path: 'visits/add_walkin', token, schema: visit, body: { intake_id: (await intake(VISIT_TYPE.walkin)).id, room_code: SANDBOX.roomCode } })
).id;
const directApptIntake = (await intake(VISIT_TYPE.appointment)).id;
z.string().min(1).parse(directVisit);

const now = Date.now();
const from = new Date(now).toISOString();
const to = new Date(now + 14 * 86_400_000).toISOString();
const [start, end] = [Math.floor(now / 1000), Math.floor(now / 1000) + 14 * 86_400];
const proxyHeaders = { Cookie: patient.cookie(), Accept: 'application/json' };
const vseeHeaders = { 'X-AccountCode': SANDBOX.accountCode, 'X-ApiToken': token, Accept: 'application/json' };

// ---- phases -------------------------------------------------------------------------------
interface Phase {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** The process whose CPU the proxy column shows (default: the proxy). */
  pid?: number;
}
const pairs: [Phase, Phase][] = [
  [
    { name: 'proxy    GET /api/visits/:id', url: `${proxyUrl}/api/visits/${proxyVisit}`, headers: proxyHeaders },
    { name: 'straight GET /sandbox/api_v3/visits/:id', url: `${upstreamUrl}/sandbox/api_v3/visits/${directVisit}`, headers: vseeHeaders },
  ],
  [
    { name: 'proxy    GET /api/availability', url: `${proxyUrl}/api/availability?${new URLSearchParams({ from, to, intakeId: proxyApptIntake })}`, headers: proxyHeaders },
    {
      name: 'straight GET /sandbox/api_v3/availability',
      url: `${upstreamUrl}/sandbox/api_v3/availability?${new URLSearchParams({ start: String(start), end: String(end), intake_id: directApptIntake, room_code: SANDBOX.roomCode })}`,
      headers: vseeHeaders,
    },
  ],
];

/**
 * A request with no answer after this long counts as an error. Generous on purpose: 200
 * connections on a CPU-bound endpoint (the sandbox computes 14 days of slots) queue for seconds on
 * a 2-core machine, and a slow answer is reported as latency, not hidden as an error.
 */
const TIMEOUT_S = 30;

interface Result {
  /** CPU (user + kernel) the measured process spent per request, in µs. */
  cpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  problems: number;
}

async function run(p: Phase): Promise<Result> {
  // Check the call works before loading it: a broken setup should fail loudly, not bench 401s.
  const probe = await fetch(p.url, { headers: p.headers });
  if (!probe.ok) throw new Error(`${p.name}: ${probe.status} ${await probe.text()}`);
  // Few connections: enough to warm the JIT, without leaving a backlog the measured phase would pay for.
  if (warmup > 0) await autocannon({ url: p.url, headers: p.headers, connections: Math.min(connections, 10), duration: warmup });
  const pid = p.pid ?? proxy.pid;
  const cpu0 = { proxy: cpuSplitMs(pid), upstream: cpuMs(up.pid) };
  const rss0 = rssMb(proxy.pid);
  const r = await autocannon({ url: p.url, headers: p.headers, connections, duration, timeout: TIMEOUT_S, workers: workers || undefined });
  const n = Math.max(1, r.requests.total);
  const perReq = (ms: number) => `${((ms / n) * 1000).toFixed(0).padStart(4)} µs`;
  const proxyCpu = cpuSplitMs(pid);
  // The kernel's part is shown apart: on loopback, sending a packet also does the receiver's TCP work.
  const proxyPerReq = `${perReq(proxyCpu.user + proxyCpu.system - cpu0.proxy.user - cpu0.proxy.system)} (${perReq(proxyCpu.system - cpu0.proxy.system).trim()} kernel)`;
  const problems = r.errors + r.timeouts + r.non2xx;
  console.log(
    `${p.name.padEnd(43)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   ` +
      `CPU/req: proxy ${proxyPerReq}, upstream ${perReq(cpuMs(up.pid) - cpu0.upstream)}   ` +
      `errors ${r.errors} timeouts ${r.timeouts} non-2xx ${r.non2xx}   proxy rss ${rss0.toFixed(0)} → ${rssMb(proxy.pid).toFixed(0)} MB`,
  );
  return { cpuUs: ((proxyCpu.user + proxyCpu.system - cpu0.proxy.user - cpu0.proxy.system) / n) * 1000, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, problems };
}

console.log(
  `bench:proxy — ${connections} connections, ${duration} s per phase after ${warmup} s of warm-up, ${workers || 'no'} load worker thread(s); ` +
    `proxy pid ${proxy.pid} on ${proxyUrl} (node flags: ${nodeFlags.join(' ') || 'none'}), upstream (sandbox) pid ${up.pid} on ${upstreamUrl}, load from pid ${process.pid}`,
);
const TOPOLOGY_SAYS = {
  shared: 'shared — every process on every CPU: load generator, upstream and proxy (or floor) compete for the same cores',
  pinned:
    `pinned — proxy and floor alone on CPU ${pinnable.ok ? pinnable.proxyCpu : '?'}; load generator and upstream on CPU ${pinnable.ok ? pinnable.restCpu : '?'}, ` +
    'in the straight run too (other work on the machine is not pinned away)',
};
let failed = false;
const summary: string[] = [];
try {
  for (const topology of topologies) {
    if (pinnable.ok) {
      const pinned = topology === 'pinned';
      // Every thread of each process (GC and crypto helpers included); threads started later inherit it.
      for (const pid of [proxy.pid, ...floors.map((f) => f.started.pid)]) pin(pid, pinned ? pinnable.proxyCpu : pinnable.all);
      for (const pid of [up.pid, process.pid]) pin(pid, pinned ? pinnable.restCpu : pinnable.all);
    }
    console.log(`\n== ${TOPOLOGY_SAYS[topology as 'shared' | 'pinned']}`);
    for (const [viaProxy, straight] of pairs.filter(([p]) => !args.only || p.url.includes(args.only))) {
      const a = await run(viaProxy);
      const b = await run(straight);
      failed ||= a.problems > 0 || b.problems > 0;
      const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(2) : 'n/a');
      const line = `proxy/straight: throughput ×${ratio(a.rps, b.rps)}, p50 ×${ratio(a.p50, b.p50)}, p99 ×${ratio(a.p99, b.p99)}, ${a.rps.toFixed(0)} vs ${b.rps.toFixed(0)} req/s, proxy CPU ${a.cpuUs.toFixed(0)} µs/req`;
      console.log(`  ${line}`);
      summary.push(`${topology.padEnd(6)} ${viaProxy.name.replace(/^proxy\s+/, '').padEnd(22)} ${line}`);
      // The same upstream call through each measuring stick: what a hop, Hono and the front stack cost.
      if (floors.length > 0 && viaProxy.url.includes('/api/visits/')) {
        const cpu: number[] = [];
        for (const f of floors) {
          const name = `floor    ${f.label} → visits/:id`;
          const r = await run({ name, url: f.started.match[1]! + new URL(straight.url).pathname, headers: vseeHeaders, pid: f.started.pid });
          failed ||= r.problems > 0;
          cpu.push(r.cpuUs);
          const fline = `floor/straight: throughput ×${ratio(r.rps, b.rps)}, p50 ×${ratio(r.p50, b.p50)}, p99 ×${ratio(r.p99, b.p99)}, ${r.rps.toFixed(0)} req/s, CPU ${r.cpuUs.toFixed(0)} µs/req`;
          console.log(`  ${fline}`);
          summary.push(`${topology.padEnd(6)} ${`(floor: ${f.label})`.padEnd(22)} ${fline}`);
        }
        // Each stick adds one layer to the one before; the proxy adds the patient route to the last.
        const steps = [...floors.map((f, i) => [f.says, cpu[i]! - (cpu[i - 1] ?? 0)] as const), ['route (guards, session, ownership, VSee client, zod, answer)', a.cpuUs - cpu[cpu.length - 1]!] as const];
        const split = steps.map(([what, us]) => `${what} ${us.toFixed(0)} µs`).join(' + ');
        console.log(`  proxy CPU per read ${a.cpuUs.toFixed(0)} µs = ${split}`);
        summary.push(`${topology.padEnd(6)} ${'(CPU split)'.padEnd(22)} ${a.cpuUs.toFixed(0)} µs/read = ${split}`);
      }
    }
  }
  console.log('\n== summary (targets for GET /api/visits/:id: throughput ≥ ×0.80, p99 ≤ ×1.25)');
  for (const line of summary) console.log(`  ${line}`);
  console.log('');
} finally {
  stopAll();
}
if (failed) {
  console.error('bench:proxy: FAILED — some requests errored, timed out or were not 2xx');
  process.exit(1);
}
console.log('bench:proxy: no errors');
process.exit(0);
