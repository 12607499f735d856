/**
 * Rooms (§7): the public room endpoints (§7.1, §7.3, §7.4: no token needed) and room creation
 * with the clinic admin token (§7.2). Assignment of providers (§7.6) is in api-providers.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { requireAdmin } from './admin';
import { readParams, str, int } from './body';
import { SANDBOX } from './credentials';
import { fail } from './errors';
import { CLINIC_TIMEZONE } from './seed';
import { roomProviderShape, roomShape } from './shapes';
import type { Deps } from './deps';
import type { Room } from './store';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ROOM_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_MAX = 128;

/** "Dr. Ana Ruiz's room" → "dr-ana-ruiz-s-room" (assumption: VSee's rule for a missing slug is unknown). */
const slugFrom = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** A 5-character code like the sample's `b4vjj`, unused in this account. */
function newRoomCode(deps: Deps): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    const code = Array.from(randomBytes(5), (b) => alphabet[b % alphabet.length]).join('');
    if (!deps.store.rooms.has(code)) return code;
  }
}

/**
 * A new room as VSee's POST /rooms sample shows one just made: walk-ins on, appointments off,
 * open, one free 15-minute consultation, the clinic's time zone, no providers yet.
 */
function newRoom(deps: Deps, fields: { code: string; name: string; slug: string; domain: string }): Room {
  const ids = [...deps.store.rooms.values()].map((r) => Number(r.id)).filter(Number.isFinite);
  return {
    id: String(Math.max(10019500, ...ids) + 1),
    ...fields,
    timezone: CLINIC_TIMEZONE,
    walkinEnabled: true,
    appointmentEnabled: false,
    isClosed: false,
    closeMsg: 'Service currently not available. Please check back later',
    oneTimeLinks: false,
    consultations: [
      { id: randomUUID(), description: '15-min Consultation', duration: 15, amount: 0, group: false, charge: false, slots: 1, visible_to_patient: true },
    ],
    providerIds: [],
    created: deps.now(),
  };
}

export function registerRooms(api: Hono, deps: Deps): void {
  const room = (code: string) => deps.store.rooms.get(code) ?? fail(404, 'Room not found.');

  /** `page` (from 1) and `limit` page the list; without them every room of the clinic comes back. */
  api.get('/rooms', (c) => {
    const all = [...deps.store.rooms.values()].sort((a, b) => Number(a.id) - Number(b.id));
    const q = c.req.query();
    const limit = int(q, 'limit');
    const page = int(q, 'page') ?? 1;
    if (limit !== undefined && !(limit >= 1 && limit <= 1000)) fail(400, 'limit must be a whole number from 1 to 1000');
    if (!(page >= 1)) fail(400, 'page must be a whole number from 1');
    const shown = limit === undefined ? all : all.slice((page - 1) * limit, page * limit);
    return c.json({ data: shown.map(roomShape) });
  });

  /**
   * POST /rooms with the clinic admin token. A taken slug in the domain → 400 with VSee's own
   * message. Assumptions: `name` is required; a missing slug is made from the name; slugs are
   * compared without case; `domain` defaults to the clinic's and must be the clinic's; a given
   * `code` must be unused.
   */
  api.post('/rooms', async (c) => {
    requireAdmin(c, deps);
    const p = await readParams(c);
    const name = str(p, 'name') ?? fail(400, 'name is required');
    if (name.length > NAME_MAX) fail(400, `name must be at most ${NAME_MAX} characters`);
    const domain = str(p, 'domain') ?? SANDBOX.domain;
    if (domain !== SANDBOX.domain) fail(400, `Unknown domain '${domain}'.`);
    const slug = (str(p, 'slug') ?? slugFrom(name)).toLowerCase();
    if (!SLUG.test(slug)) fail(400, 'slug must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit');
    for (const r of deps.store.rooms.values()) {
      if (r.domain === domain && r.slug.toLowerCase() === slug) fail(400, `In domain '${domain}' slug '${slug}' already exists.`);
    }
    const wanted = str(p, 'code');
    if (wanted !== undefined && !ROOM_CODE.test(wanted)) fail(400, 'code must be 1 to 64 letters, digits, "-" or "_"');
    if (wanted !== undefined && deps.store.rooms.has(wanted)) fail(400, `Room code '${wanted}' already exists.`);
    const created = newRoom(deps, { code: wanted ?? newRoomCode(deps), name, slug, domain });
    deps.store.rooms.set(created.code, created);
    return c.json({ data: roomShape(created) });
  });

  api.get('/rooms/:code', (c) => c.json({ data: roomShape(room(c.req.param('code'))) }));
  api.get('/rooms/:code/providers', (c) =>
    c.json({ data: deps.store.providers(room(c.req.param('code'))).map((p) => roomProviderShape(p, deps)) }),
  );
  api.get('/rooms/:code/providers/:id', (c) => {
    const r = room(c.req.param('code'));
    const p = r.providerIds.includes(c.req.param('id')) ? deps.store.users.get(c.req.param('id')) : undefined;
    return c.json({ data: roomProviderShape(p ?? fail(404, 'Provider not found.'), deps) });
  });
}
