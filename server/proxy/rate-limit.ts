/**
 * Abuse limits: a fixed-window counter per key in the KvStore (shared by every copy of the
 * proxy when REDIS_URL is set). Over the limit → 429 `rate_limited` with Retry-After.
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

export function rateLimit(deps: ProxyDeps, rule: RateLimit): MiddlewareHandler {
  return async (c, next) => {
    if (rule.limit <= 0) return next();
    const who = rule.key(c);
    if (who === null) return next();
    let hit: { count: number; ttlMs: number };
    try {
      hit = await deps.kv.incr(`rl:${rule.name}:${who}`, rule.windowMs);
    } catch (err) {
      // A failing store must not lock every patient out: let the request through, loudly.
      deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message }, limit: rule.name }, 'rate-limit store failed');
      return next();
    }
    if (hit.count <= rule.limit) return next();
    const retryAfter = Math.max(1, Math.ceil(hit.ttlMs / 1000));
    audit(deps.log, 'refused', { status: 429, reason: 'rate_limited', limit: rule.name, method: c.req.method, path: c.req.path });
    c.header('Retry-After', String(retryAfter));
    return problemResponse(
      c,
      new Problem(429, 'rate_limited', `Too many attempts. Please wait ${retryAfter > 90 ? `${Math.ceil(retryAfter / 60)} minutes` : `${retryAfter} seconds`} and try again.`),
    );
  };
}
