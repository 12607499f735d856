/**
 * CSRF and origin rules (DESIGN.md, Security): a state-changing call needs the custom header
 * `X-Frontdesk: 1` (which a cross-site form cannot send, and a cross-site fetch cannot send
 * without a CORS preflight we refuse) and, when the browser names an Origin, our own.
 *
 * No CORS at all: the patient API is for our own pages only. An embedding site's page gets events
 * through postMessage from the frame (which is same-origin with /api), never the API itself — a
 * script on a host page must not read a handoff token, visits or names (#10, item 7).
 */
import type { MiddlewareHandler } from 'hono';
import { CSRF_HEADER } from '../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from './context';
import { audit } from './logger';
import { Problem, problemResponse } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every cross-origin preflight is refused: no origin, embedding sites included, may call the API. */
export function corsGuard(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method === 'OPTIONS' && origin !== undefined && origin !== deps.config.publicUrl && c.req.header('Access-Control-Request-Method')) {
      audit(deps.log, 'refused', { status: 403, reason: 'cors_origin_not_allowed', method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(403, 'forbidden', 'This site may not call the frontdesk API.'));
    }
    return next();
  };
}

export function csrfGuard(deps: ProxyDeps): MiddlewareHandler<ProxyEnv> {
  const own = deps.config.publicUrl;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    let reason: string | null = null;
    if (c.req.header(CSRF_HEADER) !== '1') reason = 'missing_csrf_header';
    else if (origin !== undefined && origin !== own) reason = 'origin_not_allowed';
    else if (site === 'cross-site' || (site === 'same-site' && origin !== own)) reason = 'cross_site';
    if (reason) {
      audit(deps.log, 'refused', { status: 403, reason, method: c.req.method, path: c.req.path });
      return problemResponse(c, new Problem(403, 'forbidden', 'This request was refused. Please reload the page and try again.'));
    }
    return next();
  };
}
