/**
 * The staff side (VSee provider use case 1): a provider signed in to their health system's
 * portal is launched into frontdesk with a signed launch token carrying `frontdesk_role:
 * "provider"` (same verification as a patient's: algorithms, iss, aud, exp ≤ 5 min, single-use
 * jti). Its `sub` is the provider's VSee user code. From the /staff page the provider opens their
 * VSee dashboard: a provider SSO token minted just then, `next=/providers/dashboard`.
 *
 *   POST /api/staff/launch {token}   → the provider session (its own cookie and kind)
 *   GET  /api/staff/session          → who is signed in ({signedIn: false} when nobody)
 *   DELETE /api/staff/session        → sign out (revoked everywhere)
 *   POST /api/staff/handoff          → {url} of the provider's VSee dashboard
 */
import { Hono } from 'hono';
import { launchRequest } from '../../../src/api/contract';
import type { StaffHandoff, StaffSessionState } from '../../../src/api/staff-contract';
import { authUrl, portalPath } from '../../vsee/portal';
import { providerSso } from '../../vsee/providers';
import type { ProxyDeps } from '../context';
import { readBody } from '../input';
import { LaunchRefused, type LaunchVerifier } from '../launch';
import { audit } from '../logger';
import { Problem } from '../problem';
import { newSessionId, providerView, requireProvider, type ProviderSessionData, type ProviderSessionStore } from '../provider-session';

type LaunchClaims = Awaited<ReturnType<LaunchVerifier['verify']>>;

type StaffEnv = { Variables: { provider: ProviderSessionData } };

export function staffRoutes(deps: ProxyDeps & { providerSessions: ProviderSessionStore }, verifier: LaunchVerifier | null) {
  const app = new Hono<StaffEnv>();
  const { config, log } = deps;

  app.post('/launch', async (c) => {
    const { token } = await readBody(c, launchRequest);
    if (!verifier) throw new Problem(403, 'forbidden', 'Signed launch is not set up for this clinic.');
    let claims: LaunchClaims;
    try {
      claims = await verifier.verify(token, 'provider');
    } catch (err) {
      if (!(err instanceof LaunchRefused)) throw err;
      log.warn({ audit: 'refused', reason: 'provider_launch_token', detail: err.message });
      throw new Problem(401, 'unauthorized', 'This sign-in link has expired or is not valid. Please go back to your health system’s site and open frontdesk again.');
    }
    // The VSee user code comes from the verified token only: the health system's provider id.
    const provider = await providerSso(deps.vsee, { code: claims.sub, firstName: claims.given_name, lastName: claims.family_name, email: claims.email });
    const now = Math.floor(deps.now() / 1000);
    const s: ProviderSessionData = {
      kind: 'provider',
      sid: newSessionId(),
      userCode: claims.sub,
      providerId: provider.id,
      firstName: claims.given_name,
      lastName: claims.family_name,
      born: now,
      seen: now,
    };
    // One kind of session per browser: a patient session here ends.
    deps.sessions.clear(c);
    await deps.providerSessions.write(c, s);
    audit(log, 'session_start', { kind: 'provider', provider: provider.id });
    audit(log, 'sso_mint', { provider: provider.id });
    return c.json(providerView(s), 201);
  });

  // Nobody signed in is an answer, not an error (like GET /api/session).
  app.get('/session', async (c) => {
    const s = await deps.providerSessions.read(c);
    if (!s) return c.json({ signedIn: false } satisfies StaffSessionState);
    await deps.providerSessions.write(c, s);
    return c.json({ signedIn: true, ...providerView(s) } satisfies StaffSessionState);
  });

  app.delete('/session', async (c) => {
    await deps.providerSessions.end(c, await deps.providerSessions.read(c));
    audit(log, 'session_end', { kind: 'provider' });
    return c.body(null, 204);
  });

  const signedIn = new Hono<StaffEnv>();
  signedIn.use('*', requireProvider(deps));
  signedIn.post('/handoff', async (c) => {
    const s = c.get('provider');
    // A token minted just now, for this one sign-in at the portal (same code → same provider).
    const fresh = await providerSso(deps.vsee, { code: s.userCode, firstName: s.firstName, lastName: s.lastName });
    if (fresh.id !== s.providerId) throw new Problem(502, 'upstream_unavailable', 'The clinic’s system returned another user. Please open frontdesk again from your health system’s site.');
    audit(log, 'sso_mint', { provider: fresh.id });
    audit(log, 'handoff', { target: 'provider-dashboard', provider: fresh.id });
    const result: StaffHandoff = {
      url: authUrl(config.vsee.portalUrl, { ssoToken: fresh.token, next: portalPath('provider-dashboard'), disableNavigation: config.disableNavigation }),
    };
    c.header('Referrer-Policy', 'no-referrer');
    return c.json(result);
  });
  app.route('/', signedIn);
  return app;
}
