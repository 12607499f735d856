import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { guestSessionRequest, type SessionState } from '../../../src/api/contract';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readBody } from '../input';
import { audit } from '../logger';
import { Problem } from '../problem';
import { sessionView } from '../session';
import { startSession } from '../start-session';

export function sessionRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();

  app.post('/guest', async (c) => {
    if (!deps.config.guestBooking) {
      throw new Problem(403, 'forbidden', 'Booking here needs you to sign in on your health system’s website first.');
    }
    const body = await readBody(c, guestSessionRequest);
    // A new, unguessable VSee user code for every guest booking: whoever chooses the code owns
    // the account, so it is never taken from the browser.
    const code = `fd-${randomBytes(24).toString('hex')}`;
    return startSession(c, deps, 'guest', { code, firstName: body.firstName, lastName: body.lastName, dob: body.dob, email: body.email });
  });

  // Who is signed in: nobody is a normal answer (200), not a refusal. A live session is re-sealed
  // as on any other call, so asking slides the idle clock.
  app.get('/', async (c) => {
    const s = await deps.sessions.read(c);
    if (!s) return c.json({ signedIn: false } satisfies SessionState);
    await deps.sessions.write(c, s);
    return c.json({ signedIn: true, ...sessionView(s) } satisfies SessionState);
  });

  app.delete('/', (c) => {
    deps.sessions.clear(c);
    audit(deps.log, 'session_end');
    return c.body(null, 204);
  });

  return app;
}
