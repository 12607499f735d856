/**
 * The floor under frontdesk's proxy as frontdesk is built, for `bench:proxy`: the same pass-through
 * as scripts/bare-passthrough.ts (undici out on the same kind of pool, the answer passed back as it
 * came), but as a Hono app served by @hono/node-server exactly as server/main.ts serves the real app
 * (its `listen`, the same `serve` options). What this costs above the bare floor is Hono and
 * @hono/node-server's; what the proxy costs above this is frontdesk's own work.
 *
 * With FRONT_STACK=1 it also runs the real app's middleware that every answer passes before any
 * patient route — the ops middleware (request id, AsyncLocalStorage, metrics), secure headers, the
 * Cross-Origin-Resource-Policy (server/app.ts's mountFrontStack) and the API's compression — and
 * nothing of the patient API (no guards, session, ownership or VSee client). It then needs the
 * proxy's VSee settings (VSEE_*, SESSION_SECRET, PUBLIC_URL), as the proxy would.
 *
 *   UPSTREAM=http://127.0.0.1:PORT [FRONT_STACK=1 …] node --import tsx scripts/hono-passthrough.ts
 *
 * Prints `hono passthrough listening on <url>`. Not part of the product: a measuring stick.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { mountFrontStack } from '../server/app';
import { loadConfig } from '../server/config';
import { listen } from '../server/main';
import { instrumentStore, instrumentVsee } from '../server/ops/instrument';
import { createMetrics } from '../server/ops/metrics';
import { createOps } from '../server/ops/ops';
import { createStatusCounters } from '../server/ops/status-counters';
import { createMemoryStore } from '../server/proxy/stores/memory';
import { apiCompression } from '../server/static-files';
import { createVseeClient } from '../server/vsee/client';
import { announce, upstreamForwarder } from './passthrough-upstream';

const forward = upstreamForwarder();
const app = new Hono();

if (process.env.FRONT_STACK === '1') {
  // Built as server/app.ts builds them: the store in memory, the status counters beside it.
  const config = loadConfig();
  const now = Date.now;
  const kv = createMemoryStore(now);
  const metrics = createMetrics({ status: createStatusCounters(kv, now), now });
  const vsee = instrumentVsee(createVseeClient({ ...config.vsee, fetch: (req) => fetch(req) }), metrics, now);
  const ops = createOps({ metrics, kv: instrumentStore(kv, metrics), vsee, roomCode: config.vsee.roomCode, clientDir: '/nonexistent', metricsToken: null, now });
  mountFrontStack(app, ops, config);
  // The real app compresses /api/*; here the forwarded path is the upstream's.
  app.use('/sandbox/*', ...apiCompression());
}

app.get('/sandbox/api_v3/visits/:id', async (c) => {
  const { status, body } = await forward(c.req.path, (name) => c.req.header(name));
  return c.body(body, status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
});

const { port, server } = await listen(app.fetch, 0, '127.0.0.1', () => false);
announce('hono passthrough', server, port);
