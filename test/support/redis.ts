/**
 * A throwaway redis-server for tests: Debian's binary on a free loopback port, no persistence,
 * stopped by the test. When the binary is missing the Redis tests are skipped with a printed
 * reason on a developer machine, and fail under CI=true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export const REDIS_BIN = process.env.REDIS_SERVER ?? 'redis-server';

export function redisAvailable(): boolean {
  const r = spawnSync(REDIS_BIN, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

export const REDIS_MISSING = `redis-server not found (install it: apt-get install -y redis-server, or set REDIS_SERVER)`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  /** SIGSTOP: connected but silent, as in a failover that blackholes packets. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn(REDIS_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGCONT'); // a paused server would not act on SIGTERM
        child.kill('SIGTERM');
      }),
  };
}
