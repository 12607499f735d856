/**
 * The VSee sandbox alone, over HTTP, in its own process: the upstream as VSee is in production
 * (another machine), for benchmarks and for running frontdesk with VSEE_API_BASE against it.
 *
 *   node --import tsx scripts/sandbox-server.ts      # PORT (default 0: a free port), HOST, PUBLIC_URL
 *
 * Prints one line, `sandbox listening on <url>`, once it accepts connections; the API is at
 * <url>/sandbox/api_v3/, the portal at <url>/sandbox/vc/. Credentials: server/vsee-sandbox/credentials.ts.
 * `GET <url>/stats` (outside the VSee paths) counts the API calls answered so far, for benchmarks.
 * SANDBOX_WEBHOOK_URL: where VSee's webhooks go (frontdesk's receiver); unset, none are sent.
 */
import type { IncomingMessage } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createSandbox } from '../server/vsee-sandbox';
import { RESET_MARK } from '../server/vsee-sandbox/faults';
import { httpWebhookTarget } from '../server/vsee-sandbox/webhooks';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();
let ready = false;
/** API calls answered, by method and path with ids folded ("GET /visits/:id"). */
const calls = new Map<string, number>();
app.get('/stats', (c) => c.json({ total: [...calls.values()].reduce((a, b) => a + b, 0), calls: Object.fromEntries(calls) }));
app.use('/sandbox/api_v3/*', async (c, next) => {
  await next();
  const route = `${c.req.method} ${c.req.path.slice('/sandbox/api_v3'.length).replace(/\.json$/, '').replace(/\/[0-9]+(?=\/|$)/g, '/:id')}`;
  calls.set(route, (calls.get(route) ?? 0) + 1);
});
app.use('*', async (c, next) => {
  if (!ready) return c.text('starting', 503);
  await next();
  // An injected connection reset (SANDBOX faults) drops the connection, as a peer would.
  if (c.res.headers.has(RESET_MARK)) c.env.incoming.socket.destroy();
});
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  // Made once the port is known: links the sandbox hands out (summary PDFs) point at where it listens.
  const webhookUrl = process.env.SANDBOX_WEBHOOK_URL;
  const sandbox = createSandbox({
    basePath: '/sandbox',
    publicOrigin: process.env.PUBLIC_URL ?? `http://${host}:${info.port}`,
    webhook: webhookUrl ? httpWebhookTarget(webhookUrl) : null,
  });
  app.route('/sandbox', sandbox.app);
  ready = true;
  console.log(`sandbox listening on http://${host}:${info.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
