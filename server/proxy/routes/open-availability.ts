/**
 * GET /api/clinic/availability: the clinic's open times before the patient signs in, so an
 * appointment can show times first and ask for a name last. VSee documents availability without
 * a user token (seed 002, "beta": X-AccountCode with the app's key and secret). The chosen time
 * is checked again with the patient's intake before booking (booking.ts), since the intake's
 * location can narrow the providers. See docs/decisions/030-times-before-sign-in.md.
 */
import { Hono } from 'hono';
import { openAvailabilityQuery, type Availability, type Slot } from '../../../src/api/contract';
import { clientAddress } from '../client-address';
import type { ProxyDeps, ProxyEnv } from '../context';
import { readQuery } from '../input';
import { Problem } from '../problem';
import { rateLimit } from '../rate-limit';

/** Open times change as people book: a few seconds' reuse spares the vendor, never shows stale hours. */
const CACHE_MS = 15_000;
/** The vendor is asked from a whole minute, so pages opened in the same minute share one answer. */
const STEP_MS = 60_000;
const MAX_CACHED = 200;

export function openAvailabilityRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  const { config } = deps;
  const cache = new Map<string, { at: number; slots: Slot[] }>();

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
    const from = Math.max(Date.parse(q.from), deps.now());
    const start = from - (from % STEP_MS);
    const key = JSON.stringify([start, q.to, q.visitTypeId ?? null, q.providerId ?? null, q.room ?? null]);
    let hit = cache.get(key);
    if (!hit || deps.now() - hit.at > CACHE_MS) {
      const slots = await deps.backend.openAvailability({
        from: new Date(start).toISOString(),
        to: q.to,
        ...(q.visitTypeId ? { visitTypeId: q.visitTypeId } : {}),
        ...(q.providerId ? { providerId: q.providerId } : {}),
        ...(q.room ? { room: q.room } : {}),
      });
      hit = { at: deps.now(), slots };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, hit);
    }
    // The shared answer starts at the whole minute: never offer a time already begun.
    const result: Availability = { slots: hit.slots.filter((x) => Date.parse(x.start) >= from) };
    return c.json(result);
  });

  return app;
}
