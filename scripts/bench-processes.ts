/**
 * The processes a benchmark runs, as in production: the upstream (the VSee sandbox alone,
 * scripts/sandbox-server.ts) and the proxy (server/main.ts with VSEE_API_BASE pointing at it),
 * each its own `node` process, so the load generator (the calling script) shares neither's event
 * loop and /proc tells each one's CPU time.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { SANDBOX } from '../server/vsee-sandbox/credentials';
import { serverNodeFlags } from './node-flags';

const root = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const children: ChildProcess[] = [];
export interface Started {
  child: ChildProcess;
  pid: number;
  match: RegExpMatchArray;
}

/** Starts `node --import tsx …` (the process itself, not a wrapper, so /proc shows its CPU) and waits for `ready` on stdout. */
export function startProcess(name: string, nodeArgs: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${out}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, pid: child.pid!, match });
      }
    });
  });
}

export function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}

/** stopAll(), then waits (at most 10 s) for the children to go: one still printing its goodbye into a closed pipe would crash with EPIPE. */
export async function stopAllAndWait(): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const gone = Promise.all(running.map((c) => new Promise<void>((r) => c.once('exit', () => r()))));
  stopAll();
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
}
process.on('exit', stopAll);

/**
 * Whether processes can be pinned to CPUs here (`taskset`, util-linux; two CPUs this process may
 * use): the first for the proxy, the second for everything else (decision 070).
 */
export function canPin(): { ok: true; proxyCpu: string; restCpu: string; all: string } | { ok: false; why: string } {
  let mask: string;
  try {
    mask = execFileSync('taskset', ['-c', '-p', String(process.pid)], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    return { ok: false, why: 'taskset (util-linux) is not installed' };
  }
  // "pid 123's current affinity list: 0-3,6"
  const list = mask.split(':').pop()!.trim();
  const cpus = list.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
  if (cpus.length < 2) return { ok: false, why: `only ${cpus.length} CPU available to this process` };
  return { ok: true, proxyCpu: String(cpus[0]), restCpu: String(cpus[1]), all: list };
}

/** Moves every thread of a running process onto these CPUs (a taskset list, e.g. "1" or "0-1"). */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** CPU time a process has used in user and in system (kernel) mode, in ms; 0 where /proc is missing. */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  try {
    // After "(name) ": state is the first field; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: (Number(fields[11]) * 1000) / TICKS, system: (Number(fields[12]) * 1000) / TICKS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** CPU time (user + system) a process has used, in ms; 0 where /proc is missing. */
export function cpuMs(pid: number): number {
  const { user, system } = cpuSplitMs(pid);
  return user + system;
}

export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** A proxy's VSee settings for the sandbox process at `upstreamUrl`, as if it were VSee. */
export function vseeOnSandbox(upstreamUrl: string): Record<string, string> {
  return {
    VSEE_API_BASE: `${upstreamUrl}/sandbox/api_v3/`,
    VSEE_ACCOUNT_CODE: SANDBOX.accountCode,
    VSEE_API_KEY: SANDBOX.apiKey,
    VSEE_API_SECRET: SANDBOX.apiSecret,
    VSEE_PORTAL_URL: `${upstreamUrl}/sandbox/vc/`,
    VSEE_ROOM_CODE: SANDBOX.roomCode,
  };
}

/**
 * A patient of the proxy, as the SPA calls it (CSRF header, the session cookie kept), over `send`:
 * `fetch` to a proxy process, or the app's own `fetch` in process.
 */
export function benchPatient(send: (path: string, init: RequestInit) => Response | Promise<Response>, headers: Record<string, string> = {}) {
  let cookie = '';
  async function api(method: string, p: string, body?: unknown, extra: Record<string, string> = {}) {
    const res = await send(p, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-Frontdesk': '1', ...headers, ...(cookie ? { Cookie: cookie } : {}), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-frontdesk='));
    if (set) cookie = set.split(';')[0]!;
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }
  return {
    api,
    cookie: () => cookie,
    /** Signed in as a guest, with a walk-in waiting: its visit id. */
    async waitingVisit(): Promise<string> {
      await api('POST', '/api/session/guest', { firstName: 'Bench', lastName: 'Mark', dob: '1980-01-01', email: 'bench@example.com' });
      const intake = (await api('POST', '/api/intakes', { kind: 'walkin', reason: 'Benchmark', state: 'CA' })).id as string;
      return (await api('POST', '/api/walkins', { intakeId: intake }, { 'Idempotency-Key': `bench-${Date.now()}` })).id as string;
    },
  };
}

/** The sandbox alone; `env` adds to its configuration (e.g. SANDBOX_WEBHOOK_URL). */
export async function startUpstream(env: Record<string, string> = {}) {
  const upstream = await startProcess('sandbox', ['scripts/sandbox-server.ts'], { PORT: '0', ...env }, /sandbox listening on (\S+)/);
  return { upstream, upstreamUrl: upstream.match[1]! };
}

/** A proxy in front of the sandbox at `upstreamUrl`; `env` adds to (or overrides) its configuration. */
export async function startProxy(upstreamUrl: string, opts: { profile?: string; env?: Record<string, string>; port?: number; nodeFlags?: string[] } = {}) {
  const proxyPort = opts.port ?? (await freePort());
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const proxyEnv: Record<string, string> = {
    PORT: String(proxyPort),
    HOST: '127.0.0.1',
    PUBLIC_URL: proxyUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...vseeOnSandbox(upstreamUrl),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    RATE_LIMIT_SESSIONS: '0',
    RATE_LIMIT_MUTATIONS: '0',
    ...opts.env,
  };
  const proxy = await startProcess(
    'proxy',
    [
      ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.profile)}`] : []),
      // As `npm start` runs it, unless the caller compares other flags.
      ...(opts.nodeFlags ?? serverNodeFlags()),
      '--input-type=module',
      '-e',
      "const { main } = await import('./server/main.ts'); await main();",
    ],
    proxyEnv,
    /frontdesk is running/,
  );
  // proxyEnv: the configuration it was given, for a measuring stick that builds parts of the app (bench:proxy).
  return { proxy, proxyUrl, proxyEnv };
}

/** The sandbox, then a proxy in front of it. `env` adds to (or overrides) the proxy's configuration. */
export async function startUpstreamAndProxy(opts: { profile?: string; env?: Record<string, string>; nodeFlags?: string[] } = {}) {
  const { upstream, upstreamUrl } = await startUpstream();
  const { proxy, proxyUrl, proxyEnv } = await startProxy(upstreamUrl, opts);
  return { upstream, proxy, upstreamUrl, proxyUrl, proxyEnv };
}
