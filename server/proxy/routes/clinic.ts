import { Hono } from 'hono';
import type { Clinic } from '../../../src/api/contract';
import { room } from '../../vsee/schemas';
import type { ProxyDeps, ProxyEnv } from '../context';

const CACHE_MS = 60_000;

/** Clinic facts from the room's public settings (GET /rooms/:code needs no token). */
export function clinicRoutes(deps: ProxyDeps) {
  const app = new Hono<ProxyEnv>();
  let cached: { at: number; value: Clinic } | null = null;

  app.get('/', async (c) => {
    if (!cached || deps.now() - cached.at > CACHE_MS) {
      const r = await deps.vsee.call({ method: 'GET', path: `rooms/${encodeURIComponent(deps.config.vsee.roomCode)}`, schema: room });
      const closed = r.operation_settings?.is_closed ?? false;
      cached = {
        at: deps.now(),
        value: {
          name: r.name,
          timezone: r.operation_settings?.default_timezone ?? 'America/Los_Angeles',
          walkinEnabled: r.visits?.walkin?.enabled ?? true,
          appointmentEnabled: r.visits?.appointment?.enabled ?? true,
          econsultEnabled: deps.config.econsult,
          isOpen: !closed,
          closedMessage: closed ? (r.operation_settings?.close_msg ?? null) : null,
          maxWaitMinutes: deps.config.walkinMaxWaitMinutes || null,
          guestBooking: deps.config.guestBooking,
          handoffTarget: deps.config.handoffTarget,
          // Only when configured: a clinic without a number answers as before.
          phone: deps.config.clinicPhone ?? null,
        },
      };
    }
    return c.json(cached.value);
  });
  return app;
}
