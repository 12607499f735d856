/**
 * The return link's API. `POST /api/visits/:id/return-link` (signed in) makes the link for one of
 * the patient's own appointments; `POST /api/return/visit` and `POST /api/return/handoff` take
 * the token in the body (never in an API URL, so it is in no access log) and show or join that
 * one visit, in any browser, with no session. The link stops working when the visit is over.
 */
import { Hono } from 'hono';
import {
  JOIN_WINDOW_MS,
  returnRequest,
  type Handoff,
  type ReturnLink,
  type ReturnVisit,
} from '../../../src/api/contract';
import { authUrl, portalPath } from '../../vsee/portal';
import { visit as vseeVisit } from '../../vsee/schemas';
import { clientAddress } from '../client-address';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { audit } from '../logger';
import { Problem } from '../problem';
import { rateLimit } from '../rate-limit';
import type { ReturnClaims, ReturnSealer } from '../return-link';
import { sso } from '../sso';
import { presentVisit, toVisit } from '../visit-view';

const EXPIRED = 'This link has expired: the visit it was for is over. You can book a new visit from the start page.';

/** Signed in: mount with the patient routes. */
export function returnLinkRoutes(deps: ProxyDeps, sealer: ReturnSealer) {
  const app = new Hono<ProxyEnv>();
  app.post('/visits/:id/return-link', async (c) => {
    const patient = c.var.patient;
    const v = await patient.ownVisit(c.req.param('id'));
    const s = patient.session;
    const current = toVisit(v);
    if (current.kind !== 'appointment' || current.status === 'cancelled' || current.status === 'completed') {
      throw new Problem(409, 'conflict', 'A return link is made only for an upcoming appointment.');
    }
    const token = await sealer.seal({ uc: s.userCode, mid: s.memberId, fn: s.firstName, ln: s.lastName, vid: v.id }, v.end);
    audit(deps.log, 'return_link', { visit: v.id, member: s.memberId });
    const result: ReturnLink = { url: `${deps.config.publicUrl}/v/${token}` };
    return c.json(result);
  });
  return app;
}

/** No session: the token is the only credential. */
export function returnRoutes(deps: ProxyDeps, sealer: ReturnSealer) {
  const app = new Hono<ProxyEnv>();
  const { vsee, config } = deps;

  // Each use signs the patient in at VSee: limited per client address like a session start.
  app.use(
    '*',
    rateLimit(deps, {
      name: 'return',
      limit: config.rateLimits.mutations,
      windowMs: config.rateLimits.windowMs,
      key: (c) => clientAddress(c, config.trustProxy),
    }),
  );

  /** The visit behind a token, read with a token minted for its patient; over → the link is spent. */
  async function visitFor(token: string) {
    const claims = await sealer.open(token);
    if (!claims) throw new Problem(404, 'not_found', EXPIRED);
    const t = await sso(vsee, { code: claims.uc, firstName: claims.fn, lastName: claims.ln });
    if (t.memberId !== claims.mid) throw new Problem(404, 'not_found', EXPIRED);
    const v = await vsee.call({ method: 'GET', path: `visits/${claims.vid}`, token: t.apiToken, schema: vseeVisit });
    // Fail closed, as ownVisit does: a visit VSee does not say is this member's is nobody's.
    // A visit booked on someone's behalf is its creator's too (decision 067).
    if (!v.member_id || (v.member_id !== claims.mid && v.creator?.id !== claims.mid)) throw new Problem(404, 'not_found', EXPIRED);
    const shown = presentVisit(v, config.vsee.portalUrl, claims.mid);
    if (shown.status === 'cancelled' || shown.status === 'completed') throw new Problem(404, 'not_found', EXPIRED);
    return { claims, visit: v, shown, ssoToken: t.apiToken };
  }

  app.post('/visit', async (c) => {
    const { token } = await readBody(c, returnRequest);
    const { shown } = await visitFor(token);
    const result: ReturnVisit = {
      // The one-time portal link is for the signed-in pages; this page joins through the proxy.
      visit: { ...shown, oneTimeLink: undefined },
      joinOpensAt: new Date(Date.parse(shown.start) - JOIN_WINDOW_MS).toISOString(),
    };
    return c.json(result);
  });

  app.post('/handoff', async (c) => {
    const { token } = await readBody(c, returnRequest);
    const { claims, visit, shown, ssoToken } = await visitFor(token);
    const opens = Date.parse(shown.start) - JOIN_WINDOW_MS;
    if (shown.status !== 'in_progress' && deps.now() < opens) {
      throw new Problem(409, 'conflict', 'Joining opens 15 minutes before the visit starts.');
    }
    logHandoff(deps, claims);
    const result: Handoff = {
      url: authUrl(config.vsee.portalUrl, {
        ssoToken,
        next: portalPath('start-visit', visit.id),
        disableNavigation: config.disableNavigation,
      }),
    };
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(result);
  });

  return app;
}

function logHandoff(deps: ProxyDeps, claims: ReturnClaims) {
  audit(deps.log, 'sso_mint', { member: claims.mid });
  audit(deps.log, 'handoff', { target: 'visit', visit: claims.vid, member: claims.mid, via: 'return_link' });
}
