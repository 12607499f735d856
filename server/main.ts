import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig, type Config } from './config';
import { createApp } from './app';
import { createDemoHost, DEXCARE_DEMO_PATIENT } from './demo-host';
import { metricsApp } from './ops/ops';
import type { Tracing } from './ops/tracing';
import { createLogger, type Logger } from './proxy/logger';
import { createRedisStore } from './proxy/stores/redis';
import { createRedisBus } from './proxy/stores/redis-bus';
import type { KvStore } from './proxy/stores/store';

const STORE_START_WAIT_MS = 3000;

export interface RunningServer {
  url: string;
  port: number;
  /** METRICS_PORT: where GET /metrics listens; null: on the main port (METRICS_TOKEN) or nowhere. */
  metricsPort: number | null;
  /** Sandbox mode: the demo health-system site that embeds frontdesk. */
  demoHostUrl: string | null;
  /** True once drain() began: readiness should say "not ready" so the load balancer moves on. */
  isDraining(): boolean;
  /**
   * Graceful stop (SIGTERM): no new connections; answers carry `Connection: close` so keep-alive
   * clients (a waiting-room tab polling) move to another copy; idle connections close now, busy
   * ones when their answer is sent or after DRAIN_SECONDS at the latest.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
  app: ReturnType<typeof createApp>;
  /** OpenTelemetry, when OTEL_EXPORTER_OTLP_ENDPOINT is set (close() flushes it). */
  tracing: Tracing | null;
  /** The shared store, when REDIS_URL is set (readiness may ask kv.ready()). */
  kv: KvStore | undefined;
}

interface Listening {
  port: number;
  server: Server;
}

type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;

/** Serves `fetch` as frontdesk serves its apps (the bench's Hono measuring stick uses it too, scripts/hono-passthrough.ts). */
export function listen(fetch: Fetch, port: number, hostname: string, draining: () => boolean) {
  // While draining, every answer — those already under way included — tells the client not to
  // reuse this connection, so a keep-alive client moves to another copy.
  // (`env` carries the Node socket: client addresses and the sandbox's connection resets need it.)
  const answer = async (req: Request, env?: unknown) => {
    const res = await fetch(req, env);
    if (!draining()) return res;
    try {
      res.headers.set('Connection', 'close');
      return res;
    } catch {
      const copy = new Response(res.body, res); // its headers were immutable
      copy.headers.set('Connection', 'close');
      return copy;
    }
  };
  return new Promise<Listening>((resolve) => {
    const server = serve({ fetch: answer, port, hostname }, (info) => resolve({ port: info.port, server: server as Server }));
  });
}

/** Stops accepting, closes idle keep-alive connections, and waits at most `ms` for busy ones. */
function drainServer(l: Listening, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const hardStop = setTimeout(() => {
      l.server.closeAllConnections();
      resolve();
    }, ms);
    hardStop.unref();
    l.server.close(() => {
      clearTimeout(hardStop);
      resolve();
    });
    l.server.closeIdleConnections();
    // A keep-alive connection that was busy becomes idle after its answer (sent with
    // Connection: close, so the client will not send another): sweep now and then.
    const sweep = setInterval(() => l.server.closeIdleConnections(), 100);
    sweep.unref();
    l.server.once('close', () => clearInterval(sweep));
  });
}

async function openStore(config: Config, log: Logger): Promise<KvStore | undefined> {
  if (!config.redisUrl) return undefined;
  // Never blocks the start: without Redis the server still listens, limits fail open and
  // bookings, launches and sign-outs are refused until it answers (each says so).
  return createRedisStore({
    url: config.redisUrl,
    onStateChange: (state, err) => {
      if (state === 'up') log.info('redis: connected');
      else log.error({ err: err ? { name: err.name, message: err.message } : undefined }, 'redis: unreachable — rate limits let requests through; bookings, launches and sign-outs are refused until it answers');
    },
  });
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  let draining = false;
  const kv = await openStore(config, log);
  // Give Redis a moment before taking traffic: a copy listening before its store answers refuses
  // signed-in patients (revocation fails closed), and a load balancer retrying on that refusal
  // finds no live copy. Still unreachable after STORE_START_WAIT_MS: listen anyway (limits fail open).
  for (const t0 = Date.now(); kv && !kv.ready() && Date.now() - t0 < STORE_START_WAIT_MS; ) await new Promise((r) => setTimeout(r, 25));
  // Off unless configured, and then loaded: without OTEL_EXPORTER_OTLP_ENDPOINT the SDK is never imported.
  const tracing = config.otel.tracesUrl ? (await import('./ops/otel')).startTracing({ url: config.otel.tracesUrl, serviceName: config.otel.serviceName }) : null;
  // Visit events between copies (waiting rooms on one copy, VSee's webhook arriving at another).
  const bus = config.redisUrl
    ? await createRedisBus({
        url: config.redisUrl,
        channel: 'visit-events',
        timeoutMs: config.storeTimeoutMs,
        onError: () => {}, // the store's own client logs Redis going away and coming back
      })
    : null;
  const built = createApp({ config, log, kv, tracing, bus });
  const main = await listen(built.app.fetch, config.port, config.host, () => draining);
  // Metrics on a port of their own (reachable by monitoring, not by patients), token or not.
  const metricsServer = config.metrics.port === null ? null : await listen(metricsApp(built.metrics, config.metrics.token).fetch, config.metrics.port, config.host, () => false);
  let demo: Listening | null = null;
  if (config.demoHost && config.launch?.secret && config.demoHost.port !== 0) {
    const host = createDemoHost({
      frontdeskUrl: config.publicUrl,
      origin: config.demoHost.origin,
      launch: { secret: config.launch.secret, issuer: config.launch.issuer, audience: config.launch.audience },
      ...(config.clinicBackend === 'dexcare' ? { patient: DEXCARE_DEMO_PATIENT, walkinOnly: true } : {}),
    });
    demo = await listen(host.fetch, config.demoHost.port, '127.0.0.1', () => draining);
  }
  let drained: Promise<void> | null = null;
  const drain = () => {
    draining = true;
    built.ops.startDraining(); // /readyz → 503 at once: the load balancer stops sending patients
    built.endStreams(); // waiting rooms' event streams would otherwise hold the drain to its end
    drained ??= Promise.all([drainServer(main, config.drainMs), demo && drainServer(demo, config.drainMs)]).then(() => {});
    return drained;
  };
  return {
    url: config.publicUrl,
    port: main.port,
    metricsPort: metricsServer?.port ?? null,
    demoHostUrl: demo ? config.demoHost!.origin : null,
    app: built,
    tracing,
    kv,
    isDraining: () => draining,
    drain,
    close: async () => {
      await drain();
      if (metricsServer) await new Promise<void>((r) => {
        metricsServer.server.close(() => r());
        metricsServer.server.closeAllConnections();
      });
      await kv?.close();
      await bus?.close();
      // The last spans (this drain's requests) go out before the process ends.
      await tracing?.shutdown().catch(() => {});
    },
  };
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/;

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
  if (config.redisUrl) console.log(`Shared store: Redis at ${new URL(config.redisUrl).host} (its state is logged as it changes)`);
  if (!LOOPBACK.test(config.host) && config.trustProxy.kind === 'none') {
    console.warn(
      `WARNING: HOST is ${config.host} but TRUST_PROXY is not set. Behind a load balancer every patient then shares ` +
        'the load balancer’s address, and so one session-start limit. Set TRUST_PROXY to the proxy hops or addresses in front of frontdesk.',
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining (at most ${config.drainMs / 1000} s)…`);
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
