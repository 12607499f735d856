/**
 * Sandbox-only controls (not part of VSee): reset to the seed, inspect state, and flip the room
 * settings a clinic admin would change in VSee (closed, walk-ins/appointments, one-time links).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { SANDBOX } from './credentials';
import type { Deps } from './deps';

const roomSettings = z
  .object({
    walkinEnabled: z.boolean(),
    appointmentEnabled: z.boolean(),
    isClosed: z.boolean(),
    closeMsg: z.string().min(1).max(500),
    oneTimeLinks: z.boolean(),
  })
  .partial()
  .strict();

export function createControl(deps: Deps, reset: () => void): Hono {
  const control = new Hono();

  control.post('/reset', (c) => {
    reset();
    return c.body(null, 204);
  });

  control.get('/state', (c) => {
    const { store } = deps;
    return c.json({
      now: deps.now(),
      room: store.rooms.get(SANDBOX.roomCode) ?? null,
      users: [...store.users.values()].map((u) => ({ id: u.id, type: u.type, firstName: u.firstName, lastName: u.lastName })),
      visits: [...store.visits.values()].map((v) => ({
        id: v.id,
        memberId: v.memberId,
        providerId: v.providerId,
        type: v.type,
        subtype: v.subtype,
        status: v.status,
        start: v.start,
        end: v.end,
        closeReason: v.closeReason,
      })),
      intakes: store.intakes.size,
      sessions: store.sessions.size,
    });
  });

  control.post('/room', async (c) => {
    const parsed = roomSettings.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ code: 400, message: 'Expected a JSON object of room settings.' }, 400);
    const room = deps.store.rooms.get(SANDBOX.roomCode);
    if (!room) return c.json({ code: 404, message: 'Room not found.' }, 404);
    Object.assign(room, parsed.data);
    return c.json({ data: room });
  });

  return control;
}
