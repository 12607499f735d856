/**
 * A rolling restart (#10 items 9 and 10): the session secret rotates across two proxy processes
 * without signing anyone out, and SIGTERM drains a process even while a waiting-room tab keeps a
 * keep-alive connection polling it.
 */
import { request } from 'node:http';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patient, PUBLIC_URL, requireRedis, SECRET_1, SECRET_2, sleep, startCluster, startProcess, type Cluster, type ServerProcess } from './support/cluster';

const run = requireRedis();

describe.runIf(run)('a rolling restart', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 120_000);
  afterAll(async () => cluster?.stop());

  it('item 9: SESSION_SECRETS rotates across two proxies with the patient signed in throughout', async () => {
    let a = await startProcess(cluster.proxyEnv({ SESSION_SECRETS: SECRET_1 }));
    let b = await startProcess(cluster.proxyEnv({ SESSION_SECRETS: SECRET_1 }));
    const p = patient('Rotating');
    const answers: boolean[] = [];
    /** Whether this proxy sees the patient signed in (GET /api/session answers 200 either way). */
    const signedIn = async (proxy: ServerProcess) => {
      const r = await p.get(proxy, '/api/session');
      expect(r.status).toBe(200);
      return (r.body as { signedIn: boolean }).signedIn;
    };
    const alternate = async (times = 6) => {
      for (let i = 0; i < times; i++) answers.push(await signedIn(i % 2 ? a : b));
    };
    try {
      await p.signIn(a);
      await alternate();
      // Step 1 of the README's rotation: every copy learns the new secret, still sealing with the old.
      b = await restart(b, `${SECRET_1},${SECRET_2}`);
      await alternate();
      a = await restart(a, `${SECRET_1},${SECRET_2}`);
      await alternate();
      // Step 2: newest first. While one copy seals with the new secret and one with the old, both open both.
      b = await restart(b, `${SECRET_2},${SECRET_1}`);
      await alternate();
      a = await restart(a, `${SECRET_2},${SECRET_1}`);
      await alternate();
      expect(answers).toEqual(Array(30).fill(true));

      // The control: what the review saw — copies with different single secrets sign the patient out.
      const old = await startProcess(cluster.proxyEnv({ SESSION_SECRETS: SECRET_1 }));
      try {
        expect(await signedIn(a)).toBe(true); // re-sealed with SECRET_2 now
        expect(await signedIn(old)).toBe(false);
      } finally {
        await old.kill9();
      }
    } finally {
      await Promise.all([a.kill9(), b.kill9()]);
    }

    async function restart(proc: ServerProcess, secrets: string) {
      await proc.terminate();
      return startProcess(cluster.proxyEnv({ SESSION_SECRETS: secrets }));
    }
  }, 120_000);

  it('item 10: SIGTERM drains a process a keep-alive tab keeps polling: busy answers say Connection: close, a hung one is cut at DRAIN_SECONDS', async () => {
    // VSee calls may take 10 s here, so a held one really keeps its request busy past the drain.
    const proxy = await startProcess(cluster.proxyEnv({ DRAIN_SECONDS: '2', VSEE_TIMEOUT_MS: '10000' }));
    const p = patient('Draining');
    await p.signIn(proxy);
    const cookie = [...p.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const get = (path: string) =>
      new Promise<{ status: number; connection: string | undefined } | 'failed'>((resolve) => {
        const req = request(`${proxy.url}${path}`, { agent, headers: { Cookie: cookie, Origin: PUBLIC_URL } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on('error', () => resolve('failed'));
        req.end();
      });
    // The tab's keep-alive connection, warm.
    expect(await get('/api/session')).toMatchObject({ status: 200, connection: 'keep-alive' });
    // Two polls busy at VSee when SIGTERM comes: one VSee answers soon, one never.
    const soon = cluster.passThrough.on('GET', /\/visits(\.json)?$/, { kind: 'hold' });
    const busy = get('/api/visits');
    const release = await soon.arrived;
    // Another read (the same one would share the first's VSee call: read-cache.ts coalesces).
    cluster.passThrough.on('GET', /\/visits\/\d+(\.json)?$/, { kind: 'hold' });
    const hung = get('/api/visits/67258');
    await sleep(200);

    const t0 = Date.now();
    const exited = proxy.terminate();
    await sleep(300);
    release();
    expect(await busy).toMatchObject({ status: 200, connection: 'close' });
    const took = await exited;
    // Not 32 s: the hung request is cut when DRAIN_SECONDS (2) run out.
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - t0).toBeLessThan(2000 + 1500);
    expect(await hung).toBe('failed');
    // New requests go elsewhere: this copy no longer accepts them.
    expect(await get('/api/session')).toBe('failed');
    agent.destroy();
    cluster.passThrough.clear();
  }, 60_000);
});
