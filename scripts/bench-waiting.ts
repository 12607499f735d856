/**
 * `npm run bench:waiting [-- --patients 500 --duration 60 --starts 40]`: what a waiting room costs
 * at VSee and how soon a patient learns the provider pressed Start — without webhooks (the page
 * polls) and with them (the proxy pushes over Server-Sent Events), measured in one run. The
 * sandbox and the proxies each run in their own process (scripts/bench-processes.ts); this one
 * plays the patients (each with a guest session and a walk-in) and a provider.
 *
 * One sandbox plays VSee, with its webhook URL set to the second proxy's receiver (as a clinic
 * would in VSee's admin panel). The first proxy has no VSEE_WEBHOOK_SECRET: its event stream
 * answers 204, and the page polls.
 *
 * Polling: each patient's page asks GET /api/visits/:id every 3 s (QUEUE_POLL_MS, as the waiting
 * room does) until the visit is in progress. Pushed: each page holds GET /api/visits/:id/events
 * open (opened before the window: a waiting page is already open) and waits for the visit in
 * progress; a stream that ends is reopened after 3 s, as EventSource does. During each window the
 * provider starts `--starts` visits at random moments (the sandbox's provider dashboard action).
 * Prints VSee API calls per waiting patient per minute (counted by the sandbox) and the time from
 * "provider pressed Start" to the patient's page knowing it, p50/p99. Targets (issue #15): ≤ 1
 * call per waiting patient per minute with webhooks; start → patient knows in ≤ 2 s p99.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { visit } from '../src/api/contract';
import { sseReader } from '../test/support/sse';
import { cpuMs, freePort, startProxy, startUpstream, stopAllAndWait } from './bench-processes';

/** The waiting room page's QUEUE_POLL_MS (a React module, not imported into a node script). */
const QUEUE_POLL_MS = 3_000;
/** What the proxy tells EventSource to wait before reconnecting (visit-stream.ts RECONNECT_MS). */
const RECONNECT_MS = 3_000;

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '500' },
    /** Seconds of measured waiting, per mode. */
    duration: { type: 'string', default: '60' },
    /** Visits the provider starts during each window. */
    starts: { type: 'string', default: '40' },
  },
});
const N = Number(args.patients);
const duration = Number(args.duration) * 1000;
const starts = Number(args.starts);
if (!(N > 0) || !(duration > 10_000) || !(starts >= 0) || starts > N) {
  console.error('usage: bench:waiting [--patients n] [--duration seconds > 10] [--starts n ≤ patients]');
  process.exit(2);
}

// One load generator on one address plays every patient: per-address read limits would count
// them all as one, which no real queue looks like.
const limits = { RATE_LIMIT_READS_PER_ADDRESS: '0' };
const webhookSecret = randomBytes(32).toString('base64url');
const pushedPort = await freePort();
const { upstream, upstreamUrl } = await startUpstream({ SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${pushedPort}/webhooks/vsee/${webhookSecret}` });
const [{ proxy: pollingProxy, proxyUrl: pollingUrl }, { proxy: pushedProxy, proxyUrl: pushedUrl }] = await Promise.all([
  startProxy(upstreamUrl, { env: limits }),
  startProxy(upstreamUrl, { port: pushedPort, env: { ...limits, VSEE_WEBHOOK_SECRET: webhookSecret } }),
]);

interface Patient {
  proxyUrl: string;
  cookie: string;
  visitId: string;
  /** When the provider pressed Start for this patient's visit (performance.now()). */
  startedAt?: number;
  /** When this patient's page knew it. */
  knewAt?: number;
  /** Waiting time inside the window, ms. */
  waitedFrom?: number;
  waitedUntil?: number;
}

async function call(p: { proxyUrl: string; cookie: string }, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(p.proxyUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', ...(p.cookie ? { Cookie: p.cookie } : {}), ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-frontdesk='));
  if (set) p.cookie = set.split(';')[0]!;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function newPatient(proxyUrl: string, i: number): Promise<Patient> {
  const p = { proxyUrl, cookie: '' };
  await call(p, 'POST', '/api/session/guest', { firstName: 'Wait', lastName: `Patient${i}`, dob: '1980-01-01', email: `wait${i}@example.com` });
  const intakeId = (await call(p, 'POST', '/api/intakes', { kind: 'walkin', reason: 'Benchmark', state: 'CA' })).id as string;
  const v = await call(p, 'POST', '/api/walkins', { intakeId }, { 'Idempotency-Key': `wait-${i}-${Date.now()}` });
  return { proxyUrl, cookie: p.cookie, visitId: v.id as string };
}

/** Runs `fn` over items with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const stats = z.object({ total: z.number(), calls: z.record(z.string(), z.number()) });
const vseeCalls = async () => stats.parse(await (await fetch(`${upstreamUrl}/stats`)).json());
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** The provider presses Start on `starts` random waiting patients at random moments of the window. */
async function provider(patients: Patient[], t0: number) {
  const moments = Array.from({ length: starts }, () => Math.random() * (duration - 10_000)).sort((a, b) => a - b);
  const order = [...patients].sort(() => Math.random() - 0.5).slice(0, starts);
  for (const [i, at] of moments.entries()) {
    const wait = t0 + at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = order[i]!;
    p.startedAt = performance.now();
    const res = await fetch(`${upstreamUrl}/sandbox/vc/providers/visits/${p.visitId}/start`, { method: 'POST', redirect: 'manual' });
    if (res.status !== 303) throw new Error(`provider start: ${res.status}`);
  }
}

/** One measured window: the pages run, the provider starts visits; VSee's calls are counted. */
async function measure(patients: Patient[], proxyPid: number, page: (p: Patient, end: number) => Promise<void>) {
  const t0 = performance.now();
  const end = t0 + duration;
  const before = await vseeCalls();
  const cpu0 = cpuMs(proxyPid);
  for (const p of patients) p.waitedFrom = t0;
  await Promise.all([provider(patients, t0), ...patients.map((p) => page(p, end).finally(() => (p.waitedUntil = Math.min(p.knewAt ?? end, end))))]);
  const after = await vseeCalls();
  const waitingMinutes = patients.reduce((a, p) => a + ((p.waitedUntil ?? end) - (p.waitedFrom ?? t0)), 0) / 60_000;
  const byRoute = Object.entries(after.calls)
    .map(([k, n]) => [k, n - (before.calls[k] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const lags = patients.filter((p) => p.startedAt !== undefined && p.knewAt !== undefined).map((p) => p.knewAt! - p.startedAt!);
  const missed = patients.filter((p) => p.startedAt !== undefined && p.knewAt === undefined).length;
  const requests = after.total - before.total;
  return { calls: requests, waitingMinutes, perPatientMinute: requests / waitingMinutes, byRoute, lags, missed, proxyCpuS: (cpuMs(proxyPid) - cpu0) / 1000 };
}

async function runPolling(patients: Patient[]) {
  let errors = 0;
  const r = await measure(patients, pollingProxy.pid, async (p, end) => {
    // Pages opened at different moments: their polls do not line up.
    await new Promise((r) => setTimeout(r, Math.random() * QUEUE_POLL_MS));
    while (performance.now() < end) {
      try {
        const v = visit.parse(await call(p, 'GET', `/api/visits/${encodeURIComponent(p.visitId)}`));
        if (v.status === 'in_progress') {
          p.knewAt = performance.now();
          return;
        }
      } catch {
        errors++;
      }
      await new Promise((r) => setTimeout(r, QUEUE_POLL_MS));
    }
  });
  return { ...r, errors };
}

type Stream = ReturnType<typeof sseReader>;
async function openStream(p: Patient): Promise<{ stream: Stream; first: z.infer<typeof visit> }> {
  const res = await fetch(`${p.proxyUrl}/api/visits/${encodeURIComponent(p.visitId)}/events`, { headers: { Cookie: p.cookie, Accept: 'text/event-stream' } });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/visits/:id/events: ${res.status}`);
  const stream = sseReader(res.body);
  const first = await stream.next(10_000);
  if (!first) throw new Error('the stream ended before its first event');
  return { stream, first: visit.parse(JSON.parse(first.data)) };
}

async function runPushed(patients: Patient[]) {
  // The pages are open before the window, as a waiting room is: each stream's opening costs one
  // VSee read (its first event), counted here on its own.
  const before = await vseeCalls();
  const streams = new Map<Patient, Stream>();
  await pool(patients, 50, async (p) => streams.set(p, (await openStream(p)).stream));
  const opening = (await vseeCalls()).total - before.total;
  let errors = 0;
  let reopened = 0;
  const r = await measure(patients, pushedProxy.pid, async (p, end) => {
    let stream = streams.get(p)!;
    try {
      while (performance.now() < end) {
        let e;
        try {
          e = await stream.next(Math.max(1, end - performance.now()));
        } catch {
          return; // the window ended with nothing more to hear
        }
        if (e?.event === 'visit' && visit.parse(JSON.parse(e.data)).status === 'in_progress') {
          p.knewAt = performance.now();
          return;
        }
        if (e === null) {
          // The proxy ended it (its lifetime): EventSource comes back after `retry`.
          reopened++;
          await new Promise((r) => setTimeout(r, RECONNECT_MS));
          try {
            const next = await openStream(p);
            stream = next.stream;
            if (next.first.status === 'in_progress') {
              p.knewAt = performance.now();
              return;
            }
          } catch {
            errors++;
            return;
          }
        }
      }
    } finally {
      await stream.cancel();
    }
  });
  return { ...r, errors, opening, reopened };
}

const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x / 1000).toFixed(2)} s`);
function report(r: Awaited<ReturnType<typeof measure>> & { errors: number }) {
  console.log(`  VSee calls in the window: ${r.calls} (${r.byRoute.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`);
  console.log(`  VSee calls per waiting patient per minute: ${r.perPatientMinute.toFixed(2)}`);
  console.log(`  provider pressed Start → patient's page knew: p50 ${ms(percentile(r.lags, 50))}, p99 ${ms(percentile(r.lags, 99))} (n=${r.lags.length}, never knew: ${r.missed})`);
  console.log(`  proxy CPU: ${r.proxyCpuS.toFixed(1)} s in the window; request errors: ${r.errors}`);
}

try {
  console.log(`bench:waiting — ${N} waiting patients per mode, ${duration / 1000} s window each, ${starts} visits started at random; sandbox ${upstreamUrl}`);
  const t = performance.now();
  const ids = Array.from({ length: N }, (_, i) => i);
  const polled = await pool(ids, 16, (i) => newPatient(pollingUrl, i));
  const pushed = await pool(ids, 16, (i) => newPatient(pushedUrl, N + i));
  console.log(`  ${2 * N} patients signed in and queued in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  // The walk-ins' visit.created webhooks have been delivered before anything is measured.
  await new Promise((r) => setTimeout(r, 2000));

  const probe = await fetch(`${pollingUrl}/api/visits/${encodeURIComponent(polled[0]!.visitId)}/events`, { headers: { Cookie: polled[0]!.cookie } });
  await probe.body?.cancel();
  console.log(`\nwithout webhooks (the proxy's stream answers ${probe.status}; the page polls every ${QUEUE_POLL_MS / 1000} s) — proxy ${pollingUrl}:`);
  report(await runPolling(polled));

  console.log(`\nwith webhooks (VSee → the proxy's receiver → pushed over SSE) — proxy ${pushedUrl}:`);
  const r = await runPushed(pushed);
  report(r);
  console.log(`  opening the ${N} streams before the window: ${r.opening} VSee calls (one each; a stream lives SSE_MAX_SECONDS, 600 s by default, so about ${((r.opening / N) * 60_000 / 600_000).toFixed(2)} per patient per minute more); streams reopened in the window: ${r.reopened}`);
  void upstream;
} finally {
  await stopAllAndWait();
}
process.exit(0);
