import { serve } from '@hono/node-server';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { createDemoHost } from './demo-host';
import { createLogger } from './proxy/logger';
import { createRedisStore } from './proxy/stores/redis';
import type { KvStore } from './proxy/stores/store';

export interface RunningServer {
  url: string;
  port: number;
  /** Sandbox mode: the demo health-system site that embeds frontdesk. */
  demoHostUrl: string | null;
  close(): Promise<void>;
  app: ReturnType<typeof createApp>;
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname: string) {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, port, hostname }, (info) =>
      resolve({ port: info.port, close: () => new Promise<void>((r) => server.close(() => r())) }),
    );
  });
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  // Several copies of the proxy share rate limits, idempotency records and launch replays in Redis.
  let kv: KvStore | undefined;
  if (config.redisUrl) {
    kv = await createRedisStore({
      url: config.redisUrl,
      onError: (err) => log.error({ err: { name: err.name, message: err.message } }, 'redis connection error'),
    });
  }
  const built = createApp({ config, log, kv });
  const main = await listen(built.app.fetch, config.port, config.host);
  let demo: { port: number; close: () => Promise<void> } | null = null;
  if (config.demoHost && config.launch?.secret && config.demoHost.port !== 0) {
    const host = createDemoHost({
      frontdeskUrl: config.publicUrl,
      origin: config.demoHost.origin,
      launch: { secret: config.launch.secret, issuer: config.launch.issuer, audience: config.launch.audience },
    });
    demo = await listen(host.fetch, config.demoHost.port, '127.0.0.1');
  }
  return {
    url: config.publicUrl,
    port: main.port,
    demoHostUrl: demo ? config.demoHost!.origin : null,
    app: built,
    close: async () => {
      await Promise.all([main.close(), demo?.close()]);
      await kv?.close();
    },
  };
}

export async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`frontdesk: configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer(config);
  console.log(`frontdesk is running at ${running.url}`);
  if (config.sandbox) {
    console.log('Sandbox mode: no VSEE_API_BASE set, so the built-in VSee sandbox plays the clinic.');
    console.log(`  Provider dashboard: ${config.publicUrl}/sandbox/vc/providers/dashboard`);
    if (running.app.dexcareSandbox) console.log(`  DexCare sandbox provider page: ${config.publicUrl}/sandbox/dexcare/provider`);
    if (running.demoHostUrl) console.log(`  Embedding demo (Riverside Health): ${running.demoHostUrl}/`);
  } else {
    console.log(`VSee API: ${config.vsee.apiBase}`);
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
