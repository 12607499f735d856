/**
 * The VSee sandbox alone, over HTTP, in its own process: the upstream as VSee is in production
 * (another machine), for benchmarks and for running frontdesk with VSEE_API_BASE against it.
 *
 *   node --import tsx scripts/sandbox-server.ts      # PORT (default 0: a free port), HOST, PUBLIC_URL
 *
 * Prints one line, `sandbox listening on <url>`, once it accepts connections; the API is at
 * <url>/sandbox/api_v3/, the portal at <url>/sandbox/vc/. Credentials: server/vsee-sandbox/credentials.ts.
 */
import type { IncomingMessage } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createSandbox } from '../server/vsee-sandbox';
import { RESET_MARK } from '../server/vsee-sandbox/faults';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const app = new Hono<{ Bindings: { incoming: IncomingMessage } }>();
let ready = false;
app.use('*', async (c, next) => {
  if (!ready) return c.text('starting', 503);
  await next();
  // An injected connection reset (SANDBOX faults) drops the connection, as a peer would.
  if (c.res.headers.has(RESET_MARK)) c.env.incoming.socket.destroy();
});
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  // Made once the port is known: links the sandbox hands out (summary PDFs) point at where it listens.
  const sandbox = createSandbox({ basePath: '/sandbox', publicOrigin: process.env.PUBLIC_URL ?? `http://${host}:${info.port}` });
  app.route('/sandbox', sandbox.app);
  ready = true;
  console.log(`sandbox listening on http://${host}:${info.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
