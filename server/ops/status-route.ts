/**
 * GET /api/staff/status: the clinic status page's counters (server/ops/status-counters.ts), for
 * staff signed in (a provider session, when the server has them) or the ADMIN_API_TOKEN bearer.
 * Counts only: no patient, no id.
 */
import { Hono, type Context } from 'hono';
import { Problem, problemResponse } from '../proxy/problem';
import { bearerMatches } from './ops';
import type { StatusCounters } from './status-counters';

export interface StatusRouteOptions {
  counters: StatusCounters;
  adminApiToken: string | null;
  /** Whether the request carries a staff session; absent: only the token opens it. */
  isStaff?: (c: Context) => Promise<boolean>;
}

export function statusRoute(opts: StatusRouteOptions) {
  const app = new Hono();
  app.get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    const byToken = opts.adminApiToken !== null && bearerMatches(c.req.header('Authorization'), opts.adminApiToken);
    if (!byToken && !(await opts.isStaff?.(c).catch(() => false))) {
      return problemResponse(c, new Problem(401, 'unauthorized', 'Sign in as clinic staff, or send the admin token.'));
    }
    return c.json(await opts.counters.snapshot());
  });
  return app;
}
