import { Hono } from 'hono';
import { launchRequest } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { LaunchRefused, type LaunchVerifier } from '../launch';
import { audit } from '../logger';
import { Problem } from '../problem';
import { startSession } from '../start-session';

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
      audit(deps.log, 'refused', { status: 401, reason: 'launch_token', detail: err.message, method: c.req.method, path: c.req.path });
      throw new Problem(401, 'unauthorized', 'This sign-in link has expired or is not valid. Please go back to your health system’s site and open booking again.');
    }
    // The VSee user code comes from the verified token only: the host's own patient id.
    return startSession(c, deps, 'launch', {
      code: claims.sub,
      firstName: claims.given_name,
      lastName: claims.family_name,
      dob: claims.birthdate,
      email: claims.email,
    });
  });
  return app;
}
