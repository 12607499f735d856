/** Public room endpoints (§7.1, §7.3, §7.4): no token needed. */
import type { Hono } from 'hono';
import { fail } from './errors';
import { roomProviderShape, roomShape } from './shapes';
import type { Deps } from './deps';

export function registerRooms(api: Hono, deps: Deps): void {
  const room = (code: string) => deps.store.rooms.get(code) ?? fail(404, 'Room not found.');
  api.get('/rooms', (c) => c.json({ data: [...deps.store.rooms.values()].map(roomShape) }));
  api.get('/rooms/:code', (c) => c.json({ data: roomShape(room(c.req.param('code'))) }));
  api.get('/rooms/:code/providers', (c) =>
    c.json({ data: deps.store.providers(room(c.req.param('code'))).map(roomProviderShape) }),
  );
  api.get('/rooms/:code/providers/:id', (c) => {
    const r = room(c.req.param('code'));
    const p = r.providerIds.includes(c.req.param('id')) ? deps.store.users.get(c.req.param('id')) : undefined;
    return c.json({ data: roomProviderShape(p ?? fail(404, 'Provider not found.')) });
  });
}
