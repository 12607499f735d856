/**
 * The Redis KvStore (REDIS_URL), for several proxy processes behind a load balancer: launch-token
 * replays, Idempotency-Keys, booking marks, session revocations and rate limits then hold across
 * all of them. Uses @redis/client, the official client's core without its module add-ons.
 *
 * It never blocks the start: the server listens at once and says whether Redis answers; while it
 * does not, commands fail at once (no offline queue) and each use falls back to its own failure
 * mode. Every call is bounded by boundedStore() on top of this.
 */
import { createClient } from '@redis/client';
import type { KvStore } from './store';

// The first INCR (the key has no TTL yet) starts the window; later ones keep it. So does a key
// left without a TTL by anything else: no counter lives forever.
const INCR_WITH_WINDOW = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const SWAP = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so one Redis can serve several deployments. Default "frontdesk:". */
  prefix?: string;
  /** Told when Redis becomes unreachable and when it is back (once per change, not per retry). */
  onStateChange?: (state: 'up' | 'down', err?: Error) => void;
  connectTimeoutMs?: number;
  /** Wait for the first connection (tests); the server itself starts without waiting. */
  waitForConnection?: boolean;
}

export async function createRedisStore(opts: RedisStoreOptions): Promise<KvStore> {
  const prefix = opts.prefix ?? 'frontdesk:';
  let state: 'up' | 'down' | 'unknown' = 'unknown';
  const to = (next: 'up' | 'down', err?: Error) => {
    if (state === next) return;
    state = next;
    opts.onStateChange?.(next, err);
  };
  const client = createClient({
    url: opts.url,
    // While disconnected, fail commands at once rather than queue them behind a patient's request.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: opts.connectTimeoutMs ?? 2000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  // Without a listener an 'error' event would end the process.
  client.on('error', (err: Error) => to('down', err));
  client.on('ready', () => to('up'));
  const connecting = client.connect().catch((err: Error) => to('down', err));
  if (opts.waitForConnection) await connecting;
  const k = (key: string) => prefix + key;
  const ms = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

  return {
    async setIfAbsent(key, value, ttlMs) {
      const r = await client.set(k(key), value, { condition: 'NX', expiration: { type: 'PX', value: ms(ttlMs) } });
      return r === 'OK';
    },
    async get(key) {
      const v = await client.get(k(key));
      return v === null ? null : String(v);
    },
    async set(key, value, ttlMs) {
      await client.set(k(key), value, { expiration: { type: 'PX', value: ms(ttlMs) } });
    },
    async del(key) {
      await client.del(k(key));
    },
    async swap(key, expected, next, ttlMs) {
      // Stored values are never empty, so '' can stand for "delete".
      const r = await client.eval(SWAP, { keys: [k(key)], arguments: [expected, next ?? '', String(ms(ttlMs))] });
      return Number(r) === 1;
    },
    async incr(key, ttlMs) {
      const r = (await client.eval(INCR_WITH_WINDOW, { keys: [k(key)], arguments: [String(ms(ttlMs))] })) as [number, number];
      return { count: Number(r[0]), ttlMs: Number(r[1]) };
    },
    ready: () => client.isReady,
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}
