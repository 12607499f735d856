/**
 * The provisioning API (POST /api/admin/providers): bearer ADMIN_API_TOKEN, no browsers, rate
 * limited, audited; provider SSO + room + assignment at the sandbox, idempotent, and a failure
 * midway that a re-run repairs.
 */
import { describe, expect, it } from 'vitest';
import { provisionResult } from '../../../server/proxy/admin-contract';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { makeServer, ORIGIN, type TestServer } from '../../support/server';

const TOKEN = 'admin-api-token-for-tests-0123456789abcdef';
const ENV = { ADMIN_API_TOKEN: TOKEN };
const RUIZ = { code: 'hs-prov-0042', firstName: 'Ana', lastName: 'Ruiz', email: 'ana.ruiz@health.example', room: { name: 'Dr. Ruiz', slug: 'dr-ruiz' } };

function call(server: TestServer, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, method = 'POST') {
  return server.app.request('/api/admin/providers', {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
  });
}

const rooms = (server: TestServer) => [...server.sandbox.store.rooms.values()];

describe('POST /api/admin/providers: provisioning', () => {
  it('signs the provider in at VSee, makes their room, assigns them and says where patients book', async () => {
    const server = makeServer(ENV);
    const res = await call(server, RUIZ);
    expect(res.status).toBe(201);
    const out = provisionResult.parse(await res.json());
    const provider = server.sandbox.store.userByCode(RUIZ.code);
    expect(provider).toMatchObject({ type: 400, firstName: 'Ana', lastName: 'Ruiz', email: RUIZ.email });
    expect(out.providerId).toBe(provider!.id);
    const room = server.sandbox.store.rooms.get(out.roomCode);
    expect(room).toMatchObject({ slug: 'dr-ruiz', name: 'Dr. Ruiz', providerIds: [provider!.id] });
    expect(out.patientUrl).toBe(`${ORIGIN}/r/${out.roomCode}`);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('gives the same answer when called again, with no second room or provider', async () => {
    const server = makeServer(ENV);
    const first = await (await call(server, RUIZ)).json();
    const again = await call(server, RUIZ);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(rooms(server).filter((r) => r.slug === 'dr-ruiz')).toHaveLength(1);
    expect([...server.sandbox.store.users.values()].filter((u) => u.code === RUIZ.code)).toHaveLength(1);
  });

  it('finds a room VSee already has (400 "already exists") and assigns the provider to it', async () => {
    const server = makeServer(ENV);
    const made = await server.sandbox.app.request('/api_v3/rooms', {
      method: 'POST',
      headers: { 'X-ApiToken': SANDBOX.adminToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: 'dr-ruiz', name: 'Made in VSee' }),
    });
    const code = ((await made.json()) as { data: { code: string } }).data.code;
    const res = await call(server, RUIZ);
    expect(res.status).toBe(200);
    expect(provisionResult.parse(await res.json()).roomCode).toBe(code);
    expect(server.sandbox.store.rooms.get(code)?.providerIds).toEqual([server.sandbox.store.userByCode(RUIZ.code)!.id]);
    expect(rooms(server)).toHaveLength(2);
  });

  it('leaves a state a re-run repairs when VSee fails midway (room made, assignment failed)', async () => {
    const server = makeServer(ENV);
    server.sandbox.faults.add([{ route: 'POST /users/:id/rooms', kind: 'error', status: 503, times: 1 }]);
    const failed = await call(server, RUIZ);
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'upstream_unavailable', message: expect.stringContaining('Run the same request again') });
    const room = rooms(server).find((r) => r.slug === 'dr-ruiz')!;
    expect(room.providerIds).toEqual([]);

    const repaired = await call(server, RUIZ);
    expect(repaired.status).toBe(200);
    expect(provisionResult.parse(await repaired.json()).roomCode).toBe(room.code);
    expect(room.providerIds).toEqual([server.sandbox.store.userByCode(RUIZ.code)!.id]);
    expect(rooms(server)).toHaveLength(2);
  });

  it('finds the room when VSee made it but its answer was lost, instead of failing or making another', async () => {
    const server = makeServer(ENV);
    server.sandbox.faults.add([{ route: 'POST /rooms', kind: 'malformed', times: 1 }]);
    const res = await call(server, RUIZ);
    expect(res.status).toBe(200);
    const out = provisionResult.parse(await res.json());
    expect(rooms(server).filter((r) => r.slug === 'dr-ruiz').map((r) => r.code)).toEqual([out.roomCode]);
  });

  it('passes on VSee refusing (a patient already has this code) as a 400 with VSee\'s reason', async () => {
    const server = makeServer(ENV);
    server.sandbox.store.addUser({ code: RUIZ.code, type: 200, firstName: 'P', lastName: 'Q', dob: null, email: null, phone: null, gender: null }, 0);
    const res = await call(server, RUIZ);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('VSee refused: This code belongs to a user of another type.');
    expect(rooms(server)).toHaveLength(1);
  });

  it.each([
    ['no room', { ...RUIZ, room: undefined }, 'room'],
    ['a slug with spaces', { ...RUIZ, room: { name: 'X', slug: 'dr ruiz' } }, 'room.slug'],
    ['an upper-case slug', { ...RUIZ, room: { name: 'X', slug: 'DrRuiz' } }, 'room.slug'],
    ['an empty first name', { ...RUIZ, firstName: ' ' }, 'firstName'],
    ['a guest code', { ...RUIZ, code: 'fd-0123' }, 'code'],
    ['a code with a space', { ...RUIZ, code: 'a b' }, 'code'],
    ['a bad email', { ...RUIZ, email: 'nope' }, 'email'],
    ['an unknown field', { ...RUIZ, providerId: '10001' }, '_'],
  ])('refuses %s with 400 naming the field, and calls VSee for nothing', async (_name, body, field) => {
    const server = makeServer(ENV);
    const users = server.sandbox.store.users.size;
    const res = await call(server, body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error;
    expect(err.code).toBe('bad_request');
    expect(Object.keys(err.fields)).toContain(field);
    expect(server.sandbox.store.users.size).toBe(users);
  });

  it('refuses a body that is not JSON', async () => {
    const server = makeServer(ENV);
    expect((await call(server, '{not json')).status).toBe(400);
  });
});

describe('POST /api/admin/providers: who may call', () => {
  it.each([
    ['no Authorization', {}],
    ['a wrong token', { Authorization: `Bearer ${TOKEN.slice(0, -1)}x` }],
    ['a longer token', { Authorization: `Bearer ${TOKEN}x` }],
    ['another scheme', { Authorization: `Basic ${TOKEN}` }],
    ['the token without a scheme', { Authorization: TOKEN }],
  ])('answers 401 to %s, audits it and changes nothing', async (_name, headers) => {
    const server = makeServer(ENV, { logLevel: 'info' });
    const res = await call(server, RUIZ, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(server.sandbox.store.userByCode(RUIZ.code)).toBeUndefined();
    expect(server.logs.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ audit: 'refused', status: 401, reason: 'admin_token' }));
  });

  it('refuses browsers: any Origin, and preflights, with no CORS headers', async () => {
    const server = makeServer({ ...ENV, EMBED_ORIGINS: 'https://health.example' });
    for (const origin of [ORIGIN, 'https://health.example', 'https://evil.example']) {
      const res = await call(server, RUIZ, { Authorization: `Bearer ${TOKEN}`, Origin: origin });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const pre = await server.app.request('/api/admin/providers', {
      method: 'OPTIONS',
      headers: { Origin: 'https://health.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(server.sandbox.store.userByCode(RUIZ.code)).toBeUndefined();
  });

  it('does not need (or look at) the patient API\'s CSRF header or cookies', async () => {
    const server = makeServer(ENV);
    const res = await call(server, RUIZ, { Authorization: `Bearer ${TOKEN}`, Cookie: '__Host-frontdesk=whatever' });
    expect(res.status).toBe(201);
  });

  it('is off (404) without ADMIN_API_TOKEN', async () => {
    const server = makeServer();
    expect((await call(server, RUIZ)).status).toBe(404);
    expect(server.sandbox.store.userByCode(RUIZ.code)).toBeUndefined();
  });

  it('is rate limited per client address, wrong tokens included', async () => {
    const server = makeServer({ ...ENV, RATE_LIMIT_ADMIN: '2' });
    expect((await call(server, RUIZ, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call(server, RUIZ)).status).toBe(201);
    const limited = await call(server, RUIZ);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('audits each provisioning with ids only: no names or email', async () => {
    const server = makeServer(ENV, { logLevel: 'info' });
    const out = provisionResult.parse(await (await call(server, RUIZ)).json());
    await call(server, RUIZ);
    const events = server.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.audit === 'provision');
    expect(events).toEqual([
      expect.objectContaining({ provider: out.providerId, room: out.roomCode, outcome: 'created' }),
      expect.objectContaining({ provider: out.providerId, room: out.roomCode, outcome: 'existing' }),
    ]);
    const all = server.logs.join('\n');
    for (const secret of ['Ruiz', RUIZ.email, TOKEN, SANDBOX.adminToken]) expect(all).not.toContain(secret);
  });
});
