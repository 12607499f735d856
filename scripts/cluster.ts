/**
 * `npm run cluster`: the several-copies shape on this machine — a redis-server, the VSee sandbox
 * as its own process, two copies of frontdesk sharing both, and Debian's nginx in front
 * (deploy/nginx.conf, with the ports chosen here). Ctrl-C stops everything.
 *
 *   npm run cluster                 # http://localhost:8080
 *   PORT=9000 npm run cluster
 *
 * startCluster() is also what test/e2e/cluster.test.ts drives (stopping and starting copies).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SANDBOX } from '../server/vsee-sandbox/credentials';
import { serverNodeFlags } from './node-flags';

const root = path.resolve(import.meta.dirname, '..');
// Debian puts it in /usr/sbin, which is not on every user's PATH.
export const NGINX_BIN = process.env.NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
export const REDIS_BIN = process.env.REDIS_SERVER ?? 'redis-server';

const works = (bin: string, arg: string) => {
  const r = spawnSync(bin, [arg], { stdio: 'ignore' });
  return !r.error && r.status === 0;
};
export const nginxAvailable = () => works(NGINX_BIN, '-v');
export const redisAvailable = () => works(REDIS_BIN, '--version');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

const answers = (url: string, status = 200) => async () => (await fetch(url, { signal: AbortSignal.timeout(2000) })).status === status;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export interface ClusterCopy {
  name: string;
  port: number;
  metricsPort: number;
  /** SIGTERM, as a deploy or an autoscaler would, and wait for the process to end. */
  stop(): Promise<void>;
  /** kill -9. */
  kill(): Promise<void>;
  /** Start it again on the same port; resolves when /readyz says ready. */
  start(): Promise<void>;
  running(): boolean;
}

export interface Cluster {
  /** What patients open: nginx. */
  url: string;
  copies: ClusterCopy[];
  redisUrl: string;
  sandboxUrl: string;
  metricsToken: string;
  /** Opens /staff/status. */
  adminApiToken: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** nginx's port (default 8080; 0: a free one). */
  port?: number;
  /** Extra environment for every copy (e.g. LOG_LEVEL). */
  env?: Record<string, string>;
  /** Print the children's output (default: only when they fail to start). */
  verbose?: boolean;
}

/** deploy/nginx.conf with this cluster's ports and paths, inside a minimal main configuration. */
export function nginxConfig(dir: string, ports: { listen: number; copies: number[]; sandbox: number }): string {
  let site = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
  site = site
    .replace(/listen 8080;/, `listen 127.0.0.1:${ports.listen};`)
    .replace(/127\.0\.0\.1:8081/, `127.0.0.1:${ports.copies[0]}`)
    .replace(/127\.0\.0\.1:8082/, `127.0.0.1:${ports.copies[1]}`)
    .replace(/127\.0\.0\.1:8089/, `127.0.0.1:${ports.sandbox}`)
    .replaceAll('/var/log/nginx/', `${dir}/`);
  writeFileSync(path.join(dir, 'frontdesk.conf'), site);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, t), { recursive: true });
  // As root (CI containers), workers would drop to nobody and lose the temp dirs: keep our user.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/frontdesk.conf;
}
`;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdesk-cluster-'));
  const children: ChildProcess[] = [];
  const logs = new Map<ChildProcess, string>();
  const run = (name: string, cmd: string, args: string[], env: Record<string, string> = {}) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    logs.set(child, '');
    const keep = (d: Buffer) => {
      logs.set(child, (logs.get(child)! + d.toString()).slice(-8000));
      if (opts.verbose) process.stdout.write(`[${name}] ${d.toString()}`);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(child);
    return child;
  };
  const stopAll = async () => {
    await Promise.all(
      children.map((c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        c.kill('SIGTERM');
        return Promise.race([exited(c), sleep(5000).then(() => void c.kill('SIGKILL'))]);
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const listen = opts.port === 0 ? await freePort() : (opts.port ?? 8080);
    const publicUrl = `http://localhost:${listen}`;
    const [redisPort, sandboxPort, ...ports] = (await Promise.all(Array.from({ length: 6 }, freePort))) as [number, number, ...number[]];
    const copyPorts = [ports[0]!, ports[1]!];
    const metricsPorts = [ports[2]!, ports[3]!];

    const redis = run('redis', REDIS_BIN, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    await waitFor('redis-server', async () => (logs.get(redis) ?? '').includes('Ready to accept connections'), redis);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;

    const tsx = ['--import', 'tsx'];
    // VSee's webhooks go through nginx to whichever copy; Redis pub/sub tells the other one.
    const webhookSecret = randomBytes(32).toString('base64url');
    const sandbox = run('sandbox', process.execPath, [...tsx, 'scripts/sandbox.ts'], {
      SANDBOX_PORT: String(sandboxPort),
      PUBLIC_URL: publicUrl,
      SANDBOX_WEBHOOK_URL: `${publicUrl}/webhooks/vsee/${webhookSecret}`,
    });
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}/sandbox`;
    await waitFor('the VSee sandbox', answers(`${sandboxUrl}/vc/providers/dashboard`), sandbox);

    const metricsToken = randomBytes(24).toString('base64url');
    const adminApiToken = randomBytes(24).toString('base64url'); // 32 characters: the status page's
    // What makes them one service: the same cookie secret, the same Redis, the same VSee.
    const shared = {
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      REDIS_URL: redisUrl,
      VSEE_API_BASE: `${sandboxUrl}/api_v3/`,
      VSEE_PORTAL_URL: `${publicUrl}/sandbox/vc/`,
      VSEE_ACCOUNT_CODE: SANDBOX.accountCode,
      VSEE_API_KEY: SANDBOX.apiKey,
      VSEE_API_SECRET: SANDBOX.apiSecret,
      VSEE_ROOM_CODE: SANDBOX.roomCode,
      TRUST_PROXY: '1', // nginx, one hop in front
      METRICS_TOKEN: metricsToken,
      ADMIN_API_TOKEN: adminApiToken,
      VSEE_WEBHOOK_SECRET: webhookSecret,
      // The same on every copy, or one child would be a different VSee patient on each (decision 067).
      DEPENDENT_CODE_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      ...opts.env,
    };

    const copies: ClusterCopy[] = copyPorts.map((port, i) => {
      let child: ChildProcess | null = null;
      const name = `frontdesk-${i + 1}`;
      const copy: ClusterCopy = {
        name,
        port,
        metricsPort: metricsPorts[i]!,
        running: () => child !== null && child.exitCode === null && child.signalCode === null,
        async start() {
          if (copy.running()) return;
          child = run(name, process.execPath, [...serverNodeFlags(), ...tsx, 'scripts/serve.ts'], { ...shared, PORT: String(port), METRICS_PORT: String(metricsPorts[i]) });
          try {
            await waitFor(name, answers(`http://127.0.0.1:${port}/readyz`), child);
          } catch (err) {
            throw new Error(`${(err as Error).message}\n${logs.get(child) ?? ''}`);
          }
        },
        async stop() {
          if (!child || !copy.running()) return;
          child.kill('SIGTERM');
          await exited(child);
        },
        async kill() {
          if (!child || !copy.running()) return;
          child.kill('SIGKILL');
          await exited(child);
        },
      };
      return copy;
    });
    await Promise.all(copies.map((c) => c.start()));

    writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, { listen, copies: copyPorts, sandbox: sandboxPort }));
    const nginx = run('nginx', NGINX_BIN, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;']);
    try {
      await waitFor('nginx', answers(`${publicUrl}/healthz`), nginx, 10_000);
    } catch (err) {
      const errorLog = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
      throw new Error(`${(err as Error).message}\n${logs.get(nginx) ?? ''}\n${errorLog}`);
    }
    return { url: publicUrl, copies, redisUrl, sandboxUrl, metricsToken, adminApiToken, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [ok, what] of [
    [nginxAvailable(), 'nginx (apt-get install -y nginx)'],
    [redisAvailable(), 'redis-server (apt-get install -y redis-server)'],
  ] as const) {
    if (!ok) {
      console.error(`npm run cluster needs ${what}`);
      process.exit(1);
    }
  }
  if (!existsSync(path.join(root, 'dist/client/index.html'))) {
    console.log('frontdesk: building the app…');
    const { buildAll } = await import('./build');
    await buildAll();
  }
  const cluster = await startCluster({ port: Number(process.env.PORT ?? 8080), verbose: process.env.VERBOSE === '1' });
  console.log(`frontdesk cluster at ${cluster.url} (nginx → 2 copies, Redis ${cluster.redisUrl}, VSee sandbox ${cluster.sandboxUrl})`);
  for (const c of cluster.copies) console.log(`  ${c.name}: http://127.0.0.1:${c.port}  metrics: http://127.0.0.1:${c.metricsPort}/metrics (Bearer ${cluster.metricsToken})`);
  console.log(`  Provider dashboard: ${cluster.url}/sandbox/vc/providers/dashboard`);
  console.log(`  Status page: ${cluster.url}/staff/status (admin token: ${cluster.adminApiToken})`);
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
