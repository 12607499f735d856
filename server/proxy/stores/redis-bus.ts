/**
 * The event bus over Redis PUBLISH/SUBSCRIBE (REDIS_URL): one connection publishes, a dedicated
 * one subscribes (a subscribed Redis connection can do nothing else). Both reconnect on their
 * own; @redis/client subscribes again after a reconnect. A message published while a copy was
 * cut off is lost to it — the waiting room's page polls when its stream breaks, so nothing waits
 * on a lost message for long.
 */
import { createClient } from '@redis/client';
import type { EventBus } from './event-bus';

export interface RedisBusOptions {
  url: string;
  /** The channel's name; prefixed like the store's keys. */
  channel: string;
  prefix?: string;
  /** Bound of one publish (REDIS_TIMEOUT_MS). */
  timeoutMs: number;
  onError?: (err: Error) => void;
  waitForConnection?: boolean;
}

export async function createRedisBus(opts: RedisBusOptions): Promise<EventBus> {
  const channel = (opts.prefix ?? 'frontdesk:') + opts.channel;
  const onError = opts.onError ?? (() => {});
  const options = {
    url: opts.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  };
  const pub = createClient(options);
  const sub = createClient(options);
  // Without a listener an 'error' event would end the process.
  pub.on('error', onError);
  sub.on('error', onError);
  const handlers: ((message: string) => void)[] = [];
  const connecting = Promise.all([
    pub.connect().catch(onError),
    sub
      .connect()
      .then(() => sub.subscribe(channel, (message) => handlers.forEach((h) => h(String(message)))))
      .catch(onError),
  ]);
  if (opts.waitForConnection) await connecting;

  return {
    async publish(message) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis publish timed out')), opts.timeoutMs);
      });
      try {
        await Promise.race([pub.publish(channel, message), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    subscribe(onMessage) {
      handlers.push(onMessage);
    },
    async close() {
      await Promise.all(
        [pub, sub].map(async (c) => {
          if (c.isOpen) await c.close().catch(() => c.destroy());
          else c.destroy();
        }),
      );
    },
  };
}
