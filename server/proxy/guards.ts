/**
 * CSRF and origin rules (DESIGN.md, Security): a state-changing call needs the custom header
 * `X-Frontdesk: 1` (which a cross-site form cannot send and a cross-site fetch cannot send without a
 * CORS preflight we refuse) and, when the browser names an Origin, our own or an allowlisted one.
 */
import type { MiddlewareHandler } from 'hono';
import { CSRF_HEADER } from '../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from './context';
import { Problem, problemResponse } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function allowedOrigins(deps: ProxyDeps): Set<string> {
  return new Set([deps.config.publicUrl, ...deps.config.embedOrigins]);
}

export function csrfGuard(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  const allowed = allowedOrigins(deps);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    let reason: string | null = null;
    if (c.req.header(CSRF_HEADER) !== '1') reason = 'missing_csrf_header';
    else if (origin !== undefined && !allowed.has(origin)) reason = 'origin_not_allowed';
    else if (site === 'cross-site' && (origin === undefined || !allowed.has(origin))) reason = 'cross_site';
    if (reason) {
      deps.log.warn({ audit: 'refused', reason, method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(403, 'forbidden', 'This request was refused. Please reload the page and try again.'));
    }
    return next();
  };
}

/** Loads the session or answers 401; after the route, re-seals it (sliding idle timeout, new token). */
export function requireSession(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const s = await deps.sessions.read(c);
    if (!s) return problemResponse(c, new Problem(401, 'unauthorized', 'You are not signed in, or your session has ended.'));
    c.set('session', s);
    await next();
    await deps.sessions.write(c, c.get('session'));
  };
}
