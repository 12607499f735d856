/**
 * The fault suite's production-like set-up: proxy *processes* sharing one real redis-server and
 * SESSION_SECRETS, VSee (the sandbox, in its own process) over HTTP behind a pass-through the
 * test controls. Nothing here runs in the test's own process but the pass-through and the client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { expect } from 'vitest';
import { REDIS_MISSING, redisAvailable, startRedis, type RunningRedis } from '../../support/redis';

const ENTRY = path.resolve(import.meta.dirname, 'server-process.ts');
export const PUBLIC_URL = 'http://localhost:8080'; // both proxies sit "behind one load balancer"

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything it printed (pino JSON lines and start-up text). */
  output(): string;
  /** Parsed JSON log lines. */
  logs(): Record<string, unknown>[];
  /** SIGKILL: no chance to answer, release or clean up. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with how long it took. */
  terminate(): Promise<number>;
}

export async function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DEMO_HOST_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}:\n${out}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    terminate: async () => {
      const t0 = Date.now();
      child.kill('SIGTERM');
      await exited;
      return Date.now() - t0;
    },
  };
}

// ---- the pass-through in front of VSee ------------------------------------------------------

export type Action =
  /** Keep the request until release() is called, then pass it on. */
  | { kind: 'hold' }
  /** Pass it on after `ms`; the client may have given up by then (VSee still does the work). */
  | { kind: 'delay'; ms: number }
  /** Pass it on, let VSee answer, then cut the client's connection: processed, answer lost. */
  | { kind: 'drop-after' }
  /** Pass it on, let VSee answer, then answer the client with a redirect instead. */
  | { kind: 'redirect-after'; status?: number }
  /** Cut the connection without passing it on. */
  | { kind: 'reset' };

interface Rule {
  method: string;
  path: RegExp;
  action: Action;
  times: number;
  /** Resolves when a matching request arrived (with its release, for 'hold'). */
  arrived: Promise<() => void>;
  notify: (release: () => void) => void;
  /** Resolves when VSee has answered a matching request (it did the work). */
  processed: Promise<void>;
  done: () => void;
}

export interface PassThrough {
  url: string;
  /** Adds a rule for the next `times` matching requests (default 1). */
  on(method: string, path: RegExp, action: Action, times?: number): { arrived: Promise<() => void>; processed: Promise<void> };
  clear(): void;
  /** Requests seen, as "METHOD /path". */
  seen: string[];
  close(): Promise<void>;
}

export async function startPassThrough(target: string): Promise<PassThrough> {
  const upstream = new URL(target);
  const rules: Rule[] = [];
  const seen: string[] = [];

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const up = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const pathOnly = (req.url ?? '/').split('?')[0]!;
    seen.push(`${req.method} ${pathOnly}`);
    const rule = rules.find((r) => r.times > 0 && r.method === req.method && r.path.test(pathOnly));
    if (rule) rule.times -= 1;
    const action = rule?.action;
    if (action?.kind === 'reset') {
      rule!.notify(() => {});
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'hold') await new Promise<void>((release) => rule!.notify(release));
    else rule?.notify(() => {});
    if (action?.kind === 'delay') await new Promise((r) => setTimeout(r, action.ms));
    let answer;
    try {
      answer = await forward(req, body);
    } catch {
      req.socket.destroy();
      return;
    }
    rule?.done();
    if (action?.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'redirect-after') {
      res.writeHead(action.status ?? 302, { Location: 'https://elsewhere.invalid/api_v3/', 'Content-Type': 'application/json' });
      res.end('{"data":{}}');
      return;
    }
    if (res.destroyed || req.socket.destroyed) return; // the proxy gave up on it
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    on(method, pathRe, action, times = 1) {
      let notify!: (release: () => void) => void;
      let done!: () => void;
      const arrived = new Promise<() => void>((r) => (notify = r));
      const processed = new Promise<void>((r) => (done = r));
      rules.push({ method, path: pathRe, action, times, arrived, notify, processed, done });
      return { arrived, processed };
    },
    clear: () => void rules.splice(0),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// ---- the whole set-up -------------------------------------------------------------------------

export const SECRET_1 = 'fault-suite-secret-one-0123456789abcdef';
export const SECRET_2 = 'fault-suite-secret-two-0123456789abcdef';

export interface Cluster {
  redis: RunningRedis;
  vsee: ServerProcess;
  passThrough: PassThrough;
  /** The environment every proxy gets (VSee through the pass-through, the shared Redis). */
  proxyEnv(over?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

/** Needs redis-server: skips with a printed reason on a developer machine, fails under CI=true. */
export function requireRedis(): boolean {
  if (redisAvailable()) return true;
  if (process.env.CI === 'true') throw new Error(REDIS_MISSING);
  console.warn(`fault suite skipped: ${REDIS_MISSING}`);
  return false;
}

export async function startCluster(): Promise<Cluster> {
  const [redis, vsee] = await Promise.all([startRedis(), startProcess({ LOG_LEVEL: 'silent' })]);
  const passThrough = await startPassThrough(vsee.url);
  return {
    redis,
    vsee,
    passThrough,
    proxyEnv: (over = {}) => ({
      VSEE_API_BASE: `${passThrough.url}/sandbox/api_v3/`,
      VSEE_ACCOUNT_CODE: 'demo',
      VSEE_API_KEY: 'sandbox-api-key',
      VSEE_API_SECRET: 'sandbox-api-secret',
      VSEE_PORTAL_URL: `${vsee.url}/sandbox/vc/`,
      VSEE_ROOM_CODE: 'sandbox',
      PUBLIC_URL,
      SESSION_SECRETS: SECRET_1,
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '200',
      VSEE_TIMEOUT_MS: '1000',
      VSEE_RETRIES: '1',
      BOOKING_SETTLE_SECONDS: '2',
      DRAIN_SECONDS: '2',
      ...over,
    }),
    stop: async () => {
      await Promise.all([passThrough.close(), vsee.terminate(), redis.stop()]);
    },
  };
}

// ---- a patient's browser, talking to whichever proxy the load balancer picks ----------------

export interface Answer {
  status: number;
  ms: number;
  body: unknown;
  headers: Headers;
}

export function patient(lastName: string) {
  const jar = new Map<string, string>();
  async function send(proxy: Pick<ServerProcess, 'url'>, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const h = new Headers(headers);
    if (method !== 'GET') {
      h.set('X-Frontdesk', '1');
      h.set('Origin', PUBLIC_URL);
    }
    if (body !== undefined) h.set('Content-Type', 'application/json');
    if (jar.size) h.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const t0 = Date.now();
    const res = await fetch(`${proxy.url}${p}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const ms = Date.now() - t0;
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (/max-age=0/i.test(line)) jar.delete(pair!.slice(0, eq));
      else jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: res.status, ms, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
  }
  return {
    lastName,
    jar,
    send,
    get: (proxy: Pick<ServerProcess, 'url'>, p: string) => send(proxy, 'GET', p),
    post: (proxy: Pick<ServerProcess, 'url'>, p: string, body: unknown = {}, headers?: Record<string, string>) => send(proxy, 'POST', p, body, headers),
    async signIn(proxy: Pick<ServerProcess, 'url'>) {
      const r = await send(proxy, 'POST', '/api/session/guest', { firstName: 'Fault', lastName, dob: '1980-01-02', email: 'fault@example.com' });
      expect(r.status).toBe(201);
    },
    async intake(proxy: Pick<ServerProcess, 'url'>, kind = 'walkin') {
      const r = await send(proxy, 'POST', '/api/intakes', { kind, reason: 'Cough', state: 'CA' });
      expect(r.status).toBe(201);
      return (r.body as { id: string }).id;
    },
  };
}

/** What VSee (the sandbox) holds for this patient, whatever any proxy said. */
export async function visitsAtVsee(vsee: ServerProcess, lastName: string): Promise<{ id: string; status: number }[]> {
  const state = (await (await fetch(`${vsee.url}/sandbox/control/state`)).json()) as {
    users: { id: string; lastName: string }[];
    visits: { id: string; memberId: string; status: number }[];
  };
  const ids = new Set(state.users.filter((u) => u.lastName === lastName).map((u) => u.id));
  return state.visits.filter((v) => ids.has(v.memberId)).map((v) => ({ id: v.id, status: v.status }));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const errorCode = (a: Answer) => (a.body as { error?: { code?: string } } | null)?.error?.code;
