import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { launchRequest } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { dexcareFromClaims, LaunchRefused, type LaunchVerifier } from '../launch';
import { audit } from '../logger';
import { Problem, problemResponse } from '../problem';
import { overLimit } from '../rate-limit';
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
      if (!(err instanceof LaunchRefused)) {
        // The replay set cannot be asked: a replayed token might pass, so no one passes (fail closed).
        deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message.slice(0, 200) } }, 'launch replay check failed');
        throw new Problem(503, 'upstream_unavailable', 'We cannot sign you in right now. Please go back and open booking again in a minute.', undefined, 30);
      }
      audit(deps.log, 'refused', { status: 401, reason: 'launch_token', detail: err.message, method: c.req.method, path: c.req.path });
      throw new Problem(401, 'unauthorized', 'This sign-in link has expired or is not valid. Please go back to your health system’s site and open booking again.');
    }
    // Per patient of the host too, not only per address: many patients share a hospital's NAT,
    // and one patient's tokens may come from many addresses. (Hashed: no patient id in the store.)
    const who = createHash('sha256').update(`${deps.config.launch?.issuer}\u0000${claims.sub}`).digest('base64url').slice(0, 32);
    const refused = await overLimit(deps, c, { name: 'launch-subject', limit: deps.config.rateLimits.sessions, windowMs: deps.config.rateLimits.windowMs }, who);
    if (refused) return problemResponse(c, refused);
    // The VSee user code comes from the verified token only: the host's own patient id.
    return startSession(c, deps, 'launch', {
      code: claims.sub,
      firstName: claims.given_name,
      lastName: claims.family_name,
      dob: claims.birthdate,
      email: claims.email,
      phone: claims.phone_number,
      dexcare: dexcareFromClaims(claims),
    });
  });
  return app;
}
