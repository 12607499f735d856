import { Hono } from 'hono';
import { launchRequest } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { LaunchRefused, type LaunchVerifier } from '../launch';
import { Problem } from '../problem';
import { sessionView, type SessionData } from '../session';

/** POST /api/session/launch {token}: the host site's signed-in patient, carried over. */
export function launchRoutes(deps: ProxyDeps, verifier: LaunchVerifier | null) {
  const app = new Hono<ProxyEnv>();
  app.post('/', async (c) => {
    const { token } = await readBody(c, launchRequest);
    if (!verifier) throw new Problem(403, 'forbidden', 'Signed launch is not set up for this clinic.');
    let claims;
    try {
      claims = await verifier.verify(token);
    } catch (err) {
      if (!(err instanceof LaunchRefused)) throw err;
      deps.log.warn({ audit: 'refused', reason: 'launch_token', detail: err.message });
      throw new Problem(401, 'unauthorized', 'This sign-in link has expired or is not valid. Please go back to your health system’s site and open booking again.');
    }
    // The VSee user code comes from the verified token only: the host's own patient id.
    const t = await deps.gateway.sso({
      code: claims.sub,
      firstName: claims.given_name,
      lastName: claims.family_name,
      dob: claims.birthdate,
      email: claims.email,
    });
    const now = Math.floor(deps.now() / 1000);
    const s: SessionData = {
      uc: claims.sub,
      ...t,
      fn: claims.given_name,
      ln: claims.family_name,
      born: now,
      seen: now,
      intakes: [],
      launched: true,
    };
    await deps.sessions.write(c, s);
    deps.log.info({ audit: 'session_start', kind: 'launch', member: t.mid });
    deps.log.info({ audit: 'sso_mint', member: t.mid });
    return c.json(sessionView(s), 201);
  });
  return app;
}
