/**
 * GET /api/clinic/availability: the clinic's open times before the patient signs in, so an
 * appointment can show times first and ask for a name last. VSee documents availability without
 * a user token (seed 002, "beta": X-AccountCode with the app's key and secret). The chosen time
 * is checked again with the patient's intake before booking (booking.ts), since the intake's
 * location can narrow the providers. See docs/decisions/030-times-before-sign-in.md.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { openAvailabilityQuery, type Availability } from '../../../src/api/contract';
import { availabilitySlot } from '../../vsee/schemas';
import { clientAddress } from '../client-address';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readQuery } from '../input';
import { Problem } from '../problem';
import { rateLimit } from '../rate-limit';

/** Open times change as people book: a few seconds' reuse spares VSee, never shows stale hours. */
const CACHE_MS = 15_000;
/** VSee is asked from a whole minute, so pages opened in the same minute share one answer. */
const STEP_S = 60;
const MAX_CACHED = 200;

export function openAvailabilityRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { vsee, config } = deps;
  const cache = new Map<string, { at: number; slots: z.infer<typeof availabilitySlot>[] }>();

  // Anyone may ask, so asking is limited per client address, like starting a session.
  app.use(
    '*',
    rateLimit(deps, {
      name: 'open-availability',
      limit: config.rateLimits.mutations,
      windowMs: config.rateLimits.windowMs,
      key: (c) => clientAddress(c, config.trustProxy),
    }),
  );

  app.get('/', async (c) => {
    // Only a clinic with appointment times has any to show (the backend's capabilities).
    if (!deps.backend.capabilities.appointmentTimes) throw new Problem(404, 'not_found', 'There is no such API call.');
    const q = readQuery(c, openAvailabilityQuery);
    const nowS = Math.floor(deps.now() / 1000);
    const from = Math.max(Math.floor(Date.parse(q.from) / 1000), nowS);
    const to = Math.floor(Date.parse(q.to) / 1000);
    const start = from - (from % STEP_S);
    const key = `${start}:${to}`;
    let hit = cache.get(key);
    if (!hit || deps.now() - hit.at > CACHE_MS) {
      const slots = await vsee.call({
        method: 'GET',
        path: 'availability',
        appAuth: true,
        schema: z.array(availabilitySlot),
        query: { start, end: to, room_code: config.vsee.roomCode },
      });
      hit = { at: deps.now(), slots };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, hit);
    }
    const result: Availability = {
      slots: hit.slots
        .filter((x) => x.start >= from && x.end <= to && x.end > x.start)
        .sort((a, b) => a.start - b.start)
        .map((x) => ({
          start: new Date(x.start * 1000).toISOString(),
          end: new Date(x.end * 1000).toISOString(),
          // Which providers are free is the clinic's business until a patient books.
          providerIds: [],
        })),
    };
    return c.json(result);
  });

  return app;
}
