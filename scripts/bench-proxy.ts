/**
 * `npm run bench:proxy [-- --duration 10 --connections 200 --workers 1 --warmup 2 --only visits|availability]`: what the proxy costs. Starts the real
 * server (sandbox mode) on a free loopback port, signs in a guest and books a walk-in, then loads
 * the same two reads through the proxy and straight to the sandbox API, one after the other:
 *
 *   GET /api/visits/:id            vs  GET /sandbox/api_v3/visits/:id
 *   GET /api/availability?…        vs  GET /sandbox/api_v3/availability?…
 *
 * The direct calls carry the patient's VSee token, read from the sandbox's store in this process
 * (the API never hands it out). Prints requests/s and p50/p99 latency of each, their ratios, and
 * memory before and after each phase. Any error, timeout or non-2xx answer fails the run (exit 1).
 * Rate limits are switched off for the run: this measures throughput, not abuse handling.
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { startServer } from '../server/main';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1' },
    /** Unreported load before each measured phase, so JIT warm-up does not count against the first. */
    warmup: { type: 'string', default: '2' },
    /** Run one pair only: `visit` or `availability`. */
    only: { type: 'string' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const workers = Number(args.workers);
const warmup = Number(args.warmup);
if (!(duration > 0) || !(connections > 0) || !(workers >= 0) || !(warmup >= 0)) {
  console.error('usage: bench:proxy [--duration seconds] [--connections n] [--workers n] [--warmup seconds] [--only visits|availability]');
  process.exit(2);
}

const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  RATE_LIMIT_SESSIONS: '0',
  RATE_LIMIT_MUTATIONS: '0',
  VSEE_API_BASE: '',
});
const server = await startServer(config);
const base = `http://127.0.0.1:${server.port}`;
const sandbox = server.app.sandbox!;

// ---- a patient with a visit ---------------------------------------------------------------
let cookie = '';
async function api(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', ...(cookie ? { Cookie: cookie } : {}), ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-frontdesk='));
  if (set) cookie = set.split(';')[0]!;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
await api('POST', '/api/session/guest', { firstName: 'Bench', lastName: 'Mark', dob: '1980-01-01', email: 'bench@example.com' });
const walkIntake = (await api('POST', '/api/intakes', { kind: 'walkin', reason: 'Benchmark', state: 'CA' })).id as string;
const visitId = (await api('POST', '/api/walkins', { intakeId: walkIntake }, { 'Idempotency-Key': `bench-${Date.now()}` })).id as string;
const apptIntake = (await api('POST', '/api/intakes', { kind: 'appointment', reason: 'Benchmark', state: 'CA' })).id as string;

const memberId = sandbox.store.visits.get(visitId)!.memberId;
const vseeToken = [...sandbox.store.tokens.values()].filter((t) => t.userId === memberId).sort((a, b) => b.expiry - a.expiry)[0]!.token;
const now = Date.now();
const from = new Date(now).toISOString();
const to = new Date(now + 14 * 86_400_000).toISOString();
const [start, end] = [Math.floor(now / 1000), Math.floor(now / 1000) + 14 * 86_400];

const proxyHeaders = { Cookie: cookie, Accept: 'application/json' };
const vseeHeaders = { 'X-AccountCode': 'demo', 'X-ApiToken': vseeToken, Accept: 'application/json' };

// ---- phases ---------------------------------------------------------------------------------
interface Phase {
  name: string;
  path: string;
  headers: Record<string, string>;
}
const pairs: [Phase, Phase][] = [
  [
    { name: 'proxy  GET /api/visits/:id', path: `/api/visits/${visitId}`, headers: proxyHeaders },
    { name: 'direct GET /sandbox/api_v3/visits/:id', path: `/sandbox/api_v3/visits/${visitId}`, headers: vseeHeaders },
  ],
  [
    { name: 'proxy  GET /api/availability', path: `/api/availability?${new URLSearchParams({ from, to, intakeId: apptIntake })}`, headers: proxyHeaders },
    {
      name: 'direct GET /sandbox/api_v3/availability',
      path: `/sandbox/api_v3/availability?${new URLSearchParams({ start: String(start), end: String(end), intake_id: apptIntake, room_code: 'sandbox' })}`,
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

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};

interface Result {
  rps: number;
  p50: number;
  p99: number;
  problems: number;
}

async function run(p: Phase): Promise<Result> {
  // Check the call works before loading it: a broken setup should fail loudly, not bench 401s.
  const probe = await fetch(base + p.path, { headers: p.headers });
  if (!probe.ok) throw new Error(`${p.name}: ${probe.status} ${await probe.text()}`);
  // Few connections: enough to warm the JIT, without leaving a backlog the measured phase would pay for.
  if (warmup > 0) await autocannon({ url: base + p.path, headers: p.headers, connections: Math.min(connections, 10), duration: warmup });
  const before = memory();
  const r = await autocannon({ url: base + p.path, headers: p.headers, connections, duration, timeout: TIMEOUT_S, workers: workers || undefined });
  const after = memory();
  const problems = r.errors + r.timeouts + r.non2xx;
  console.log(
    `${p.name.padEnd(42)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   max ${String(r.latency.max).padStart(5)} ms   ` +
      `errors ${r.errors} timeouts ${r.timeouts} non-2xx ${r.non2xx}   ` +
      `rss ${mb(before.rss)} → ${mb(after.rss)}   heap ${mb(before.heap)} → ${mb(after.heap)}`,
  );
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, problems };
}

console.log(
  `bench:proxy — ${connections} connections, ${duration} s per phase after ${warmup} s of warm-up, ${workers || 'no'} load worker thread(s), server on ${base}`,
);
let failed = false;
try {
  for (const [proxy, direct] of pairs.filter(([p]) => !args.only || p.path.includes(args.only))) {
    const a = await run(proxy);
    const b = await run(direct);
    failed ||= a.problems > 0 || b.problems > 0;
    const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(2) : 'n/a');
    console.log(
      `  proxy/direct: throughput ×${ratio(a.rps, b.rps)}, p50 ×${ratio(a.p50, b.p50)}, p99 ×${ratio(a.p99, b.p99)}\n`,
    );
  }
} finally {
  await server.close();
}
if (failed) {
  console.error('bench:proxy: FAILED — some requests errored, timed out or were not 2xx');
  process.exit(1);
}
console.log('bench:proxy: no errors');
process.exit(0);
