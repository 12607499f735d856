import { serve } from '@hono/node-server';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { createLogger } from './proxy/logger';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  app: ReturnType<typeof createApp>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const built = createApp({ config, log });
  return new Promise((resolve) => {
    const server = serve({ fetch: built.app.fetch, port: config.port, hostname: config.host }, (info) => {
      resolve({
        url: config.publicUrl,
        port: info.port,
        app: built,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
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
  } else {
    console.log(`VSee API: ${config.vsee.apiBase}`);
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
