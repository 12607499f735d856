import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { guestSessionRequest, type SessionState } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { plainNames, readBody } from '../input';
import { audit } from '../logger';
import { Problem, SESSION_CHECK_MESSAGE } from '../problem';
import { sessionView, type SessionData } from '../session';
import { startSession } from '../start-session';

export function sessionRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();

  app.post('/guest', async (c) => {
    if (!deps.config.guestBooking) {
      throw new Problem(403, 'forbidden', 'Booking here needs you to sign in on your health system’s website first.');
    }
    const body = await readBody(c, guestSessionRequest);
    plainNames({ firstName: body.firstName, lastName: body.lastName });
    // A new, unguessable VSee user code for every guest booking: whoever chooses the code owns
    // the account, so it is never taken from the browser.
    const code = `fd-${randomBytes(24).toString('hex')}`;
    return startSession(c, deps, 'guest', { code, firstName: body.firstName, lastName: body.lastName, dob: body.dob, email: body.email });
  });

  // Who is signed in: nobody is a normal answer (200), not a refusal. A live session is re-sealed
  // as on any other call, so asking slides the idle clock.
  app.get('/', async (c) => {
    let s;
    try {
      s = await deps.sessions.read(c);
    } catch (err) {
      // Revocations cannot be checked: neither "signed in" nor "nobody" would be true.
      deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'session revocation check failed');
      throw new Problem(503, 'upstream_unavailable', SESSION_CHECK_MESSAGE, undefined, 10);
    }
    if (!s) return c.json({ signedIn: false } satisfies SessionState);
    await deps.sessions.write(c, s);
    return c.json({ signedIn: true, ...sessionView(s) } satisfies SessionState);
  });

  app.delete('/', async (c) => {
    // Revoked in the shared store first: a copy of the cookie must stop working too. If that
    // cannot be recorded, the patient is told so and keeps the cookie to try again.
    let s: SessionData | null = null;
    try {
      s = await deps.sessions.read(c);
      if (s) await deps.sessions.revoke(s);
    } catch (err) {
      deps.log.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'session revocation failed');
      throw new Problem(503, 'upstream_unavailable', 'We could not sign you out just now. Please try again in a few seconds.', undefined, 10);
    }
    deps.sessions.clear(c);
    audit(deps.log, 'session_end', s ? { member: s.memberId } : {});
    return c.body(null, 204);
  });

  return app;
}
