import { Hono } from 'hono';
import { cancelRequest, handoffRequest, type Handoff } from '../../../src/api/contract';
import { authUrl, portalPath } from '../../vsee/portal';
import { closed } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { ownVisit, toVisit } from '../patient';
import { Problem } from '../problem';

export function visitRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { vsee, gateway } = deps;

  app.get('/visits/:id', async (c) => {
    const [v, s] = await ownVisit(vsee, gateway, c.get('session'), c.req.param('id'));
    c.set('session', s);
    return c.json(toVisit(v));
  });

  app.post('/visits/:id/cancel', async (c) => {
    const body = await readBody(c, cancelRequest);
    const [v, s1] = await ownVisit(vsee, gateway, c.get('session'), c.req.param('id'));
    const current = toVisit(v);
    if (current.status !== 'pending' && current.status !== 'confirmed') {
      throw new Problem(409, 'conflict', 'This visit has already started or ended, so it cannot be cancelled.');
    }
    const [, s2] = await gateway.withToken(s1, (token) =>
      vsee.call({ method: 'POST', path: 'visits/close', token, schema: closed, body: { id: v.id, reason: body.reason } }),
    );
    const [after, s3] = await ownVisit(vsee, gateway, s2, v.id);
    c.set('session', s3);
    deps.log.info({ audit: 'cancel', visit: v.id, reason: body.reason, member: s3.mid });
    return c.json(toVisit(after));
  });

  app.post('/handoff', async (c) => {
    const body = await readBody(c, handoffRequest);
    let s = c.get('session');
    let next: string;
    if (body.target === 'visit') {
      if (!body.visitId) throw new Problem(400, 'bad_request', 'Which visit? visitId is required.', { visitId: 'Required' });
      const [v, s1] = await ownVisit(vsee, gateway, s, body.visitId);
      const status = toVisit(v).status;
      if (status === 'cancelled' || status === 'completed') {
        throw new Problem(409, 'conflict', 'This visit has ended. You can book a new one from the start page.');
      }
      s = s1;
      next = portalPath('start-visit', v.id);
    } else {
      next = portalPath('dashboard');
    }
    // The portal link carries a token minted just now, for this one handoff.
    const fresh = await gateway.remint(s);
    c.set('session', fresh);
    deps.log.info({ audit: 'sso_mint', member: fresh.mid });
    deps.log.info({ audit: 'handoff', target: body.target, visit: body.visitId ?? null, member: fresh.mid });
    const result: Handoff = { url: authUrl(deps.config.vsee.portalUrl, { ssoToken: fresh.tok, next }) };
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(result);
  });

  return app;
}
