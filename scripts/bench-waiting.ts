/**
 * `npm run bench:waiting [-- --patients 500 --duration 60 --starts 40]`: what a waiting room costs
 * at VSee and how soon a patient learns the provider pressed Start. The sandbox and the proxy each
 * run in their own process (scripts/bench-processes.ts); this one plays N waiting patients (each
 * with a guest session and a walk-in) and a provider.
 *
 * Polling: each patient's page asks GET /api/visits/:id every 3 s (QUEUE_POLL_MS, as the waiting
 * room does) until the visit is in progress. Pushed: each page holds GET /api/visits/:id/events
 * (Server-Sent Events) open and hears `visit.updated`; measured only when the proxy offers it.
 * During the window the provider starts `--starts` visits at random moments (the sandbox's
 * provider dashboard action). Prints VSee API calls per waiting patient per minute (counted by
 * the sandbox) and the time from "provider pressed Start" to the patient's page knowing it,
 * p50/p99. Targets (issue #15): ≤ 1 call per waiting patient per minute with webhooks; start →
 * patient knows in ≤ 2 s p99.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { visit } from '../src/api/contract';
import { cpuMs, startUpstreamAndProxy, stopAll } from './bench-processes';

/** The waiting room page's QUEUE_POLL_MS (a React module, not imported into a node script). */
const QUEUE_POLL_MS = 3_000;

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '500' },
    /** Seconds of measured waiting. */
    duration: { type: 'string', default: '60' },
    /** Visits the provider starts during the window. */
    starts: { type: 'string', default: '40' },
  },
});
const N = Number(args.patients);
const duration = Number(args.duration) * 1000;
const starts = Number(args.starts);
if (!(N > 0) || !(duration > 0) || !(starts >= 0) || starts > N) {
  console.error('usage: bench:waiting [--patients n] [--duration seconds] [--starts n ≤ patients]');
  process.exit(2);
}

const { proxy, upstream, upstreamUrl, proxyUrl } = await startUpstreamAndProxy();

interface Patient {
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

async function call(p: { cookie: string }, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(proxyUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', ...(p.cookie ? { Cookie: p.cookie } : {}), ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-frontdesk='));
  if (set) p.cookie = set.split(';')[0]!;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function newPatient(i: number): Promise<Patient> {
  const p = { cookie: '' };
  await call(p, 'POST', '/api/session/guest', { firstName: 'Wait', lastName: `Patient${i}`, dob: '1980-01-01', email: `wait${i}@example.com` });
  const intakeId = (await call(p, 'POST', '/api/intakes', { kind: 'walkin', reason: 'Benchmark', state: 'CA' })).id as string;
  const v = await call(p, 'POST', '/api/walkins', { intakeId }, { 'Idempotency-Key': `wait-${i}-${Date.now()}` });
  return { cookie: p.cookie, visitId: v.id as string };
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

async function runPolling(patients: Patient[]) {
  const t0 = performance.now();
  const end = t0 + duration;
  const before = await vseeCalls();
  const cpu0 = cpuMs(proxy.pid);
  let errors = 0;

  const page = async (p: Patient) => {
    p.waitedFrom = t0;
    // Pages opened at different moments: their polls do not line up.
    await new Promise((r) => setTimeout(r, Math.random() * QUEUE_POLL_MS));
    while (performance.now() < end) {
      try {
        const v = visit.parse(await call(p, 'GET', `/api/visits/${encodeURIComponent(p.visitId)}`));
        if (v.status === 'in_progress') {
          p.knewAt = performance.now();
          break;
        }
      } catch {
        errors++;
      }
      await new Promise((r) => setTimeout(r, QUEUE_POLL_MS));
    }
    p.waitedUntil = Math.min(p.knewAt ?? end, end);
  };

  const provider = async () => {
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
  };

  await Promise.all([provider(), ...patients.map(page)]);
  const after = await vseeCalls();
  const waitingMinutes = patients.reduce((a, p) => a + ((p.waitedUntil ?? end) - (p.waitedFrom ?? t0)), 0) / 60_000;
  const byRoute = Object.entries(after.calls)
    .map(([k, n]) => [k, n - (before.calls[k] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const lags = patients.filter((p) => p.startedAt !== undefined && p.knewAt !== undefined).map((p) => p.knewAt! - p.startedAt!);
  const missed = patients.filter((p) => p.startedAt !== undefined && p.knewAt === undefined).length;
  const requests = after.total - before.total;
  return {
    calls: requests,
    perPatientMinute: requests / waitingMinutes,
    byRoute,
    lags,
    missed,
    errors,
    proxyCpuS: (cpuMs(proxy.pid) - cpu0) / 1000,
  };
}

try {
  console.log(`bench:waiting — ${N} waiting patients, ${duration / 1000} s window, ${starts} visits started at random; proxy ${proxyUrl}, sandbox ${upstreamUrl}`);
  const t = performance.now();
  const patients = await pool(
    Array.from({ length: N }, (_, i) => i),
    16,
    newPatient,
  );
  console.log(`  ${N} patients signed in and queued in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  const r = await runPolling(patients);
  const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x / 1000).toFixed(2)} s`);
  console.log(`\nwithout webhooks (polling every ${QUEUE_POLL_MS / 1000} s):`);
  console.log(`  VSee calls: ${r.calls} (${r.byRoute.map(([k, n]) => `${k} ${n}`).join(', ')})`);
  console.log(`  VSee calls per waiting patient per minute: ${r.perPatientMinute.toFixed(1)}`);
  console.log(`  provider pressed Start → patient's page knew: p50 ${ms(percentile(r.lags, 50))}, p99 ${ms(percentile(r.lags, 99))} (n=${r.lags.length}, never knew: ${r.missed})`);
  console.log(`  proxy CPU: ${r.proxyCpuS.toFixed(1)} s in the window; request errors: ${r.errors}`);

  const probe = await fetch(`${proxyUrl}/api/visits/${encodeURIComponent(patients[0]!.visitId)}/events`, { headers: { Cookie: patients[0]!.cookie, Accept: 'text/event-stream' } });
  await probe.body?.cancel();
  console.log(`\nwith webhooks (pushed over SSE):`);
  if (probe.status === 404) {
    console.log('  not measured: this proxy has no event stream (GET /api/visits/:id/events answers 404)');
  } else {
    console.log(`  not measured yet: GET /api/visits/:id/events answers ${probe.status}`);
  }
  void upstream;
} finally {
  stopAll();
}
process.exit(0);
