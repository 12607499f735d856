/**
 * The VSee sandbox on its own port, as VSee itself would be: several copies of frontdesk (see
 * `npm run cluster`) book into the same one. API at /sandbox/api_v3/, portal at /sandbox/vc/.
 *
 *   SANDBOX_PORT=8089 PUBLIC_URL=http://localhost:8080 npx tsx scripts/sandbox.ts
 *
 * PUBLIC_URL is where patients reach the sandbox's pages (the load balancer routes /sandbox/ to
 * it), used in absolute links such as visit summaries. SANDBOX_WEBHOOK_URL is the webhook URL the
 * clinic gave VSee (frontdesk's `/webhooks/vsee/<VSEE_WEBHOOK_SECRET>`, through the load balancer);
 * without it no webhooks are sent.
 */
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createSandbox } from '../server/vsee-sandbox';
import { httpWebhookTarget } from '../server/vsee-sandbox/webhooks';

export function startSandboxServer(opts: { port: number; host?: string; publicOrigin: string; webhookUrl?: string }) {
  const sandbox = createSandbox({
    basePath: '/sandbox',
    publicOrigin: opts.publicOrigin,
    webhook: opts.webhookUrl ? httpWebhookTarget(opts.webhookUrl) : null,
  });
  const app = new Hono();
  app.route('/sandbox', sandbox.app);
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' }, (info) =>
      resolve({ port: info.port, close: () => new Promise<void>((r) => server.close(() => r())) }),
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.SANDBOX_PORT ?? 8089);
  const running = await startSandboxServer({
    port,
    publicOrigin: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    webhookUrl: process.env.SANDBOX_WEBHOOK_URL || undefined,
  });
  console.log(`VSee sandbox listening on http://127.0.0.1:${running.port}/sandbox/ (API: /sandbox/api_v3/)`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
