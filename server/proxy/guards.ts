/**
 * CSRF and origin rules (DESIGN.md, Security): a state-changing call needs the custom header
 * `X-Frontdesk: 1` (which a cross-site form cannot send and a cross-site fetch cannot send without a
 * CORS preflight we refuse) and, when the browser names an Origin, our own or an allowlisted one.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from './context';
import { audit } from './logger';
import { Problem, problemResponse } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function allowedOrigins(deps: ProxyDeps): Set<string> {
  return new Set([deps.config.publicUrl, ...deps.config.embedOrigins]);
}

/**
 * CORS only for the allowlisted embedding sites (EMBED_ORIGINS), with credentials: a host page may
 * call the API with the patient's cookie. Any other origin gets no Access-Control-Allow-Origin,
 * and its preflight is refused outright. (The SPA itself is same-origin and needs no CORS.)
 */
export function corsGuard(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  const embed = new Set(deps.config.embedOrigins);
  const allow = cors({
    origin: (o) => (embed.has(o) ? o : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Content-Type', CSRF_HEADER, IDEMPOTENCY_HEADER],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && embed.has(origin)) return allow(c, next);
    if (c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('Access-Control-Request-Method')) {
      audit(deps.log, 'refused', { status: 403, reason: 'cors_origin_not_allowed', method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(403, 'forbidden', 'This site may not call the frontdesk API.'));
    }
    return next();
  };
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
      audit(deps.log, 'refused', { status: 403, reason, method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(403, 'forbidden', 'This request was refused. Please reload the page and try again.'));
    }
    return next();
  };
}
