import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import type { KvStore } from '../../../server/proxy/stores/store';
import { READY_STORE_MS, READY_VENDOR_MS, VENDOR_FRESH_MS } from '../../../server/ops/ops';
import { opsServer } from './support';

interface Readiness {
  ready: boolean;
  checks: { store: string; vendor: string; app: string; draining: boolean };
}
const readiness = async (res: Response) => (await res.json()) as Readiness;

/** A store whose reads hang until released: Redis stalled (SIGSTOP), not down. */
function stallingStore(): KvStore & { stall: boolean } {
  const inner = createMemoryStore();
  const s = {
    ...inner,
    stall: false,
    get: (k: string) => (s.stall ? new Promise<string | null>(() => {}) : inner.get(k)),
  };
  return s;
}

describe('GET /healthz', () => {
  it('is alive, uncached, and names the request', async () => {
    const { app } = opsServer();
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9A-Z]{10}$/);
  });

  it('is not rate limited (the load balancer asks far more often than any limit)', async () => {
    const { app } = opsServer({ RATE_LIMIT_SESSIONS: '1', RATE_LIMIT_MUTATIONS: '1' });
    const answers = await Promise.all(Array.from({ length: 30 }, () => app.request('/readyz')));
    expect(answers.map((r) => r.status)).toEqual(new Array(30).fill(200));
  });
});

describe('GET /readyz', () => {
  it('is ready when the store answers, the vendor answers and the app is built', async () => {
    const { app } = opsServer();
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await readiness(res)).toEqual({ ready: true, checks: { store: 'ok', vendor: 'ok', app: 'ok', draining: false } });
  });

  it('is not ready when the app is not built', async () => {
    const { app } = opsServer({}, { clientDir: '/nonexistent' });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await readiness(res)).checks.app).toBe('not built');
  });

  it('turns false when the store stalls, within its deadline, and back when it answers', async () => {
    const kv = stallingStore();
    const { app } = opsServer({}, { kv });
    expect((await app.request('/readyz')).status).toBe(200);
    kv.stall = true;
    const started = Date.now();
    const res = await app.request('/readyz');
    expect(Date.now() - started).toBeLessThan(READY_STORE_MS + 500);
    expect(res.status).toBe(503);
    expect((await readiness(res)).checks).toMatchObject({ store: 'failing', vendor: 'ok' });
    kv.stall = false;
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('turns false when the vendor has not answered lately and does not answer now', async () => {
    const { app, sandbox, clock } = opsServer();
    expect((await app.request('/readyz')).status).toBe(200); // the probe answered
    sandbox.faults.add([{ route: '* /*', kind: 'error', status: 503 }]);
    // Still ready: VSee answered a moment ago, no need to ask again.
    expect((await app.request('/readyz')).status).toBe(200);
    clock.now += VENDOR_FRESH_MS + 1;
    const down = await app.request('/readyz');
    expect(down.status).toBe(503);
    expect((await readiness(down)).checks).toMatchObject({ store: 'ok', vendor: 'failing' });
    sandbox.faults.clear();
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('answers within its deadline when the vendor hangs', async () => {
    const { app, sandbox, clock } = opsServer();
    sandbox.faults.add([{ route: '* /*', kind: 'hang', ms: 30_000 }]);
    clock.now += VENDOR_FRESH_MS + 1;
    const started = Date.now();
    const res = await app.request('/readyz');
    expect(Date.now() - started).toBeLessThan(READY_VENDOR_MS + 500);
    expect(res.status).toBe(503);
    sandbox.faults.clear();
  });

  it('turns false while draining (SIGTERM), while /healthz stays alive', async () => {
    const { app, ops } = opsServer();
    expect((await app.request('/readyz')).status).toBe(200);
    ops.startDraining();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect((await readiness(res)).checks.draining).toBe(true);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('carries no PHI: only check names and words', async () => {
    const { app } = opsServer();
    const body = await (await app.request('/readyz')).text();
    expect(body).toMatch(/^\{"ready":true,"checks":\{"store":"ok","vendor":"ok","app":"ok","draining":false\}\}$/);
  });
});
