/**
 * Provider use cases 1 and 2 in the sandbox: provider SSO, POST /rooms with the clinic admin
 * token (VSee's 400 for a taken slug), GET /rooms, POST /users/:id/rooms, and the provider
 * dashboard that a provider's SSO sign-in shows: only their rooms' patients.
 */
import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { setup, type Raw } from './support';

type T = ReturnType<typeof setup>;
const ADMIN = SANDBOX.adminToken;

async function json(res: Response): Promise<Raw> {
  return (await res.json()) as Raw;
}

async function createRoom(t: T, fields: Record<string, string>) {
  const res = await t.post('/rooms', ADMIN, { domain: SANDBOX.domain, ...fields });
  return { status: res.status, body: await json(res) };
}

/** A provider by SSO, a room of their own, and the assignment: provider use case 2. */
async function provision(t: T, code: string, slug: string) {
  const provider = await t.sso({ type: 400, code, first_name: 'Ana', last_name: `Ruiz ${slug}` });
  const room = await createRoom(t, { slug, name: `${slug} room` });
  expect(room.status).toBe(200);
  const assign = await t.post(`/users/${provider.id}/rooms`, ADMIN, { room_code: room.body.data.code });
  expect(assign.status).toBe(200);
  return { provider, roomCode: room.body.data.code as string };
}

/** A patient's walk-in in the given room. */
async function walkinIn(t: T, roomCode: string, firstName = 'Pat') {
  const patient = await t.sso({ first_name: firstName });
  const intakeId = await t.intake(patient.token, { room_code: roomCode });
  const res = await t.post('/visits/add_walkin', patient.token, { intake_id: intakeId, room_code: roomCode });
  expect(res.status).toBe(200);
  return (await json(res)).data as Raw;
}

async function signIn(t: T, token: string, next = '/providers/dashboard') {
  const res = await t.request(`/vc/auth?sso_token=${token}&next=${next}`);
  expect(res.status).toBe(302);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('provider SSO (type 400)', () => {
  it('creates a provider once per code and returns the same user again', async () => {
    const t = setup();
    const a = await t.sso({ type: 400, code: 'hs-provider-7' });
    const b = await t.sso({ type: 400, code: 'hs-provider-7' });
    expect(b.id).toBe(a.id);
    expect(b.token).not.toBe(a.token);
    const state = await json(await t.request('/control/state'));
    expect(state.users.find((u: Raw) => u.id === a.id).type).toBe(400);
  });

  it('never turns a patient into a provider with the same code, or the reverse', async () => {
    const t = setup();
    await t.sso({ type: 200, code: 'shared-code' });
    const res = await t.request('/api_v3/users/sso', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-ApiKey': SANDBOX.apiKey, 'X-ApiSecret': SANDBOX.apiSecret },
      body: JSON.stringify({ first_name: 'A', last_name: 'B', type: 400, code: 'shared-code' }),
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ code: 400, message: 'This code belongs to a user of another type.' });
  });
});

describe('POST /rooms', () => {
  it('needs the clinic admin token: none or unknown → 401, a user token → 403', async () => {
    const t = setup();
    expect((await t.post('/rooms', null, { slug: 'x1', name: 'X' })).status).toBe(401);
    expect((await t.post('/rooms', 'f'.repeat(32), { slug: 'x1', name: 'X' })).status).toBe(401);
    const provider = await t.sso({ type: 400, code: 'p-1' });
    const res = await t.post('/rooms', provider.token, { slug: 'x1', name: 'X' });
    expect(res.status).toBe(403);
    expect((await json(res)).message).toBe('This call needs the clinic admin token.');
    expect((await json(await t.request('/api_v3/rooms'))).data).toHaveLength(1);
  });

  it('creates a room with a new code, walk-ins on and appointments off, as VSee\'s sample room', async () => {
    const t = setup();
    const { status, body } = await createRoom(t, { slug: 'dr-ruiz', name: 'Dr. Ruiz' });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      slug: 'dr-ruiz',
      name: 'Dr. Ruiz',
      domain: SANDBOX.domain,
      provider_ids: [],
      visits: { walkin: { enabled: true }, appointment: { enabled: false } },
      operation_settings: { is_closed: false },
    });
    expect(body.data.code).toMatch(/^[a-z0-9]{5}$/);
    expect(body.data.id).toMatch(/^\d+$/);
    const listed = await json(await t.request('/api_v3/rooms', { headers: { 'X-AccountCode': 'demo' } }));
    expect(listed.data.map((r: Raw) => r.code)).toEqual([SANDBOX.roomCode, body.data.code]);
    expect((await t.request(`/api_v3/rooms/${body.data.code}`)).status).toBe(200);
  });

  it('answers 400 in VSee\'s words for a slug the domain already has (any case), and makes no second room', async () => {
    const t = setup();
    expect((await createRoom(t, { slug: 'uat2', name: 'UAT' })).status).toBe(200);
    for (const slug of ['uat2', 'UAT2']) {
      const again = await createRoom(t, { slug, name: 'UAT again' });
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ code: 400, message: `In domain '${SANDBOX.domain}' slug 'uat2' already exists.` });
    }
    // The seeded room's slug is taken too.
    expect((await createRoom(t, { slug: 'sandbox', name: 'S' })).body.message).toBe(`In domain '${SANDBOX.domain}' slug 'sandbox' already exists.`);
    expect((await json(await t.request('/api_v3/rooms'))).data).toHaveLength(2);
  });

  it('checks its fields: name required, slug shape, domain, a taken code', async () => {
    const t = setup();
    expect((await createRoom(t, { slug: 'a1' })).body.message).toBe('name is required');
    expect((await createRoom(t, { slug: 'bad slug', name: 'N' })).status).toBe(400);
    expect((await t.post('/rooms', ADMIN, { domain: 'other.vsee.me', slug: 'a2', name: 'N' })).status).toBe(400);
    expect((await createRoom(t, { slug: 'a3', name: 'N', code: SANDBOX.roomCode })).body.message).toBe(`Room code '${SANDBOX.roomCode}' already exists.`);
    // Without a slug, one is made from the name.
    expect((await createRoom(t, { name: "Dr. Ana Ruiz's room" })).body.data.slug).toBe('dr-ana-ruiz-s-room');
  });
});

describe('GET /rooms', () => {
  it('pages with page and limit', async () => {
    const t = setup();
    for (const slug of ['r1', 'r2', 'r3']) await createRoom(t, { slug, name: slug });
    const page = async (q: string) => (await json(await t.request(`/api_v3/rooms?${q}`))).data.map((r: Raw) => r.slug);
    expect(await page('limit=2&page=1')).toEqual(['sandbox', 'r1']);
    expect(await page('limit=2&page=2')).toEqual(['r2', 'r3']);
    expect(await page('limit=2&page=3')).toEqual([]);
    expect((await t.request('/api_v3/rooms?limit=0')).status).toBe(400);
  });
});

describe('POST /users/:id/rooms', () => {
  it('assigns a provider to a room once, however often it is called', async () => {
    const t = setup();
    const { provider, roomCode } = await provision(t, 'hs-1', 'ruiz');
    const again = await t.post(`/users/${provider.id}/rooms`, ADMIN, { room_code: roomCode });
    expect((await json(again)).data.provider_ids).toEqual([provider.id]);
    const listed = await json(await t.request(`/api_v3/rooms/${roomCode}/providers`));
    expect(listed.data.map((p: Raw) => p.id)).toEqual([provider.id]);
  });

  it('lets a provider assign only themself with their own token, and only providers be assigned', async () => {
    const t = setup();
    const room = (await createRoom(t, { slug: 'shared', name: 'Shared' })).body.data.code as string;
    const a = await t.sso({ type: 400, code: 'p-a' });
    const b = await t.sso({ type: 400, code: 'p-b' });
    expect((await t.post('/users/-/rooms', a.token, { room_code: room })).status).toBe(200);
    expect((await t.post(`/users/${b.id}/rooms`, a.token, { room_code: room })).status).toBe(403);
    const patient = await t.sso();
    expect((await t.post(`/users/${patient.id}/rooms`, ADMIN, { room_code: room })).status).toBe(400);
    expect((await t.post('/users/-/rooms', patient.token, { room_code: room })).status).toBe(400);
    expect((await t.post(`/users/${a.id}/rooms`, ADMIN, { room_code: 'nope' })).status).toBe(404);
    expect((await t.post(`/users/${a.id}/rooms`, ADMIN, {})).status).toBe(400);
    expect((await t.post(`/users/${a.id}/rooms`, null, { room_code: room })).status).toBe(401);
    expect((await t.post('/users/99999/rooms', ADMIN, { room_code: room })).status).toBe(404);
  });
});

describe('the provider dashboard after a provider\'s SSO sign-in', () => {
  it('shows only that provider\'s rooms\' walk-ins; the open demo dashboard still shows every one', async () => {
    const t = setup();
    const ruiz = await provision(t, 'hs-ruiz', 'ruiz');
    const lee = await provision(t, 'hs-lee', 'lee');
    const forRuiz = await walkinIn(t, ruiz.roomCode, 'Rita');
    const forLee = await walkinIn(t, lee.roomCode, 'Leo');
    const main = await walkinIn(t, SANDBOX.roomCode, 'Mona');

    const cookie = await signIn(t, ruiz.provider.token);
    const page = await (await t.request('/vc/providers/dashboard', { headers: { cookie } })).text();
    expect(page).toContain('<h1>Provider dashboard</h1>');
    expect(page).toContain('Signed in as Ana Ruiz ruiz.');
    expect(page).toContain('ruiz room');
    expect(page).toContain(`Start visit with Rita T. (visit ${forRuiz.id})`);
    expect(page).not.toContain(`(visit ${forLee.id})`);
    expect(page).not.toContain(`(visit ${main.id})`);

    const open = await (await t.request('/vc/providers/dashboard')).text();
    expect(open).toContain('<h1>Sandbox provider dashboard</h1>');
    for (const v of [forRuiz, forLee, main]) expect(open).toContain(`(visit ${v.id})`);
  });

  it('lets the provider start their room\'s walk-in (taking it themself) but not another room\'s', async () => {
    const t = setup();
    const ruiz = await provision(t, 'hs-ruiz', 'ruiz');
    const lee = await provision(t, 'hs-lee', 'lee');
    const mine = await walkinIn(t, ruiz.roomCode);
    const theirs = await walkinIn(t, lee.roomCode);
    const cookie = await signIn(t, ruiz.provider.token);

    const refused = await t.request(`/vc/providers/visits/${theirs.id}/start`, { method: 'POST', headers: { cookie } });
    expect(refused.status).toBe(404);
    const started = await t.request(`/vc/providers/visits/${mine.id}/start`, { method: 'POST', headers: { cookie } });
    expect(started.status).toBe(303);
    const state = await json(await t.request('/control/state'));
    expect(state.visits.find((v: Raw) => v.id === mine.id)).toMatchObject({ status: 30, providerId: ruiz.provider.id });
    expect(state.visits.find((v: Raw) => v.id === theirs.id)).toMatchObject({ status: 10, providerId: null });
  });

  it('shows e-consults and today\'s appointments of the provider\'s rooms only, and says when there is no room', async () => {
    const t = setup();
    const ruiz = await provision(t, 'hs-ruiz', 'ruiz');
    const patient = await t.sso();
    const ec = async (room: string) => {
      const intakeId = await t.intake(patient.token, { room_code: room });
      return (await json(await t.post('/visits/add_econsult', patient.token, { intake_id: intakeId, room_code: room }, 'json'))).data as Raw;
    };
    const inRuiz = await ec(ruiz.roomCode);
    const inMain = await ec(SANDBOX.roomCode);
    const cookie = await signIn(t, ruiz.provider.token);
    const page = await (await t.request('/vc/providers/dashboard', { headers: { cookie } })).text();
    expect(page).toContain(`(visit ${inRuiz.id})`);
    expect(page).not.toContain(`(visit ${inMain.id})`);
    // The seeded appointments are in the main room: none of them here.
    expect(page).toContain('No appointments today.');

    const lonely = await t.sso({ type: 400, code: 'hs-nobody' });
    const page2 = await (await t.request('/vc/providers/dashboard', { headers: { cookie: await signIn(t, lonely.token) } })).text();
    expect(page2).toContain('You are not assigned to a waiting room yet');
    expect(page2).toContain('No walk-ins are waiting.');
  });

  it('keeps disable_navigation for the provider', async () => {
    const t = setup();
    const ruiz = await provision(t, 'hs-ruiz', 'ruiz');
    const res = await t.request(`/vc/auth?sso_token=${ruiz.provider.token}&next=/providers/dashboard&disable_navigation=1`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await t.request('/vc/providers/dashboard', { headers: { cookie } })).text();
    expect(page).not.toContain('<nav');
    const withNav = await (await t.request('/vc/providers/dashboard', { headers: { cookie: await signIn(t, (await t.sso({ type: 400, code: 'hs-ruiz' })).token) } })).text();
    expect(withNav).toContain('<nav aria-label="Portal">');
  });
});
