/**
 * Abuse limits: a fixed-window counter per key in the KvStore (shared by every copy of the
 * proxy when REDIS_URL is set). Over the limit → 429 `rate_limited` with Retry-After. A store
 * that fails or stalls lets the request through, loudly: limits fail open.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ProxyDeps } from './context';
import { audit } from './logger';
import { Problem, problemResponse } from './problem';

export interface RateLimit {
  /** Names the counter family in the store and in audit events. */
  name: string;
  /** Requests allowed per window; 0 = no limit. */
  limit: number;
  windowMs: number;
  /** Whom to count: null → not counted (e.g. a safe method). */
  key: (c: Context) => string | null;
}

/** Counts one request of `who` against `rule`: the 429 to answer, or null when within the limit. */
export async function overLimit(deps: Pick<ProxyDeps, 'kv' | 'log'>, c: Context, rule: Omit<RateLimit, 'key'>, who: string): Promise<Problem | null> {
  if (rule.limit <= 0) return null;
  let hit: { count: number; ttlMs: number };
  try {
    hit = await deps.kv.incr(`rl:${rule.name}:${who}`, rule.windowMs);
  } catch (err) {
    // A failing store must not lock every patient out: let the request through, loudly.
    deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message }, limit: rule.name }, 'rate-limit store failed');
    return null;
  }
  if (hit.count <= rule.limit) return null;
  const retryAfter = Math.max(1, Math.ceil(hit.ttlMs / 1000));
  audit(deps.log, 'refused', { status: 429, reason: 'rate_limited', limit: rule.name, method: c.req.method, path: c.req.path });
  const wait = retryAfter > 90 ? `${Math.ceil(retryAfter / 60)} minutes` : `${retryAfter} seconds`;
  return new Problem(429, 'rate_limited', `Too many attempts. Please wait ${wait} and try again.`, undefined, retryAfter);
}

export function rateLimit(deps: Pick<ProxyDeps, 'kv' | 'log'>, rule: RateLimit): MiddlewareHandler {
  return async (c, next) => {
    const who = rule.limit > 0 ? rule.key(c) : null;
    if (who === null) return next();
    const refused = await overLimit(deps, c, rule, who);
    return refused ? problemResponse(c, refused) : next();
  };
}
