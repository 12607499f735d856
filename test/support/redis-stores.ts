/**
 * One real redis-server for a describe block, started before its tests and stopped after, with
 * every store opened on it closed first: the setup each shared-store test needs.
 */
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore } from '../../server/proxy/stores/redis';
import type { KvStore } from '../../server/proxy/stores/store';
import { startRedis, type RunningRedis } from './redis';

export function useRedisStores(): { open: () => Promise<KvStore>; url: () => string } {
  let redis: RunningRedis | undefined;
  const opened: KvStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await Promise.all(opened.map((kv) => kv.close()));
    await redis?.stop();
  });
  const url = () => {
    if (!redis) throw new Error('redis-server is not started yet');
    return redis.url;
  };
  return {
    url,
    open: async () => {
      const kv = await createRedisStore({ url: url(), waitForConnection: true });
      opened.push(kv);
      return kv;
    },
  };
}
