/**
 * POST /users/:id/rooms (§7.6): assigns a provider to a waiting room. VSee names it only as step 3
 * of provider use case 2; its parameters and answer are not documented. Assumptions: the room is
 * `room_code` (the name the visit API uses), or `room_id`; the clinic admin token may assign any
 * provider, a provider's own token only itself (`:id` = its id or `-`); assigning twice changes
 * nothing; the answer is the room object, as POST /rooms answers.
 */
import type { Hono } from 'hono';
import { USER_TYPE } from '../vsee/codes';
import { isAdminToken } from './admin';
import { tokenUser } from './auth';
import { readParams, str } from './body';
import { fail } from './errors';
import { roomShape } from './shapes';
import type { Deps } from './deps';

export function registerProviders(api: Hono, deps: Deps): void {
  api.post('/users/:id/rooms', async (c) => {
    const raw = c.req.param('id');
    let userId: string;
    if (isAdminToken(c.req.header('x-apitoken'))) {
      if (raw === '-') fail(400, 'The admin token has no user of its own: name the provider.');
      userId = raw;
    } else {
      const caller = tokenUser(c, deps);
      if (raw !== '-' && raw !== caller.id) fail(403, 'You may only change your own rooms.');
      userId = caller.id;
    }
    const user = deps.store.users.get(userId) ?? fail(404, 'User not found.');
    if (user.type !== USER_TYPE.provider) fail(400, 'Only a provider can be assigned to a room.');
    const p = await readParams(c);
    const code = str(p, 'room_code');
    const id = str(p, 'room_id');
    const room =
      (code !== undefined ? deps.store.rooms.get(code) : undefined) ??
      (id !== undefined ? [...deps.store.rooms.values()].find((r) => r.id === id) : undefined) ??
      (code === undefined && id === undefined ? fail(400, 'room_code is required') : fail(404, 'Room not found.'));
    if (!room.providerIds.includes(user.id)) room.providerIds.push(user.id);
    return c.json({ data: roomShape(room) });
  });
}
