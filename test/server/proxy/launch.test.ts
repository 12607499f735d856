import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { session, visit } from '../../../src/api/contract';
import { signLaunchToken } from '../../../server/demo-host/sign-launch-token';
import { browser, makeServer, newKey } from '../../support/server';

const SECRET = 'launch-secret-for-tests-0123456789abcdef';
const ISSUER = 'https://health.example';
const AUDIENCE = 'http://localhost:8080';
const ENV = { LAUNCH_SECRET: SECRET, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: AUDIENCE, EMBED_ORIGINS: ISSUER };
const JORDAN = { sub: 'rh-patient-4471', givenName: 'Jordan', familyName: 'Rivera', birthdate: '1979-02-03', email: 'jordan@example.com' };

const sign = (over: Partial<Parameters<typeof signLaunchToken>[1]> = {}, patient = JORDAN) =>
  signLaunchToken(patient, { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, ...over });

/** A token with arbitrary claims and header, signed with the shared secret. */
async function custom(claims: JWTPayload, alg = 'HS256', key: Uint8Array = new TextEncoder().encode(SECRET)) {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
}
const nowS = () => Math.floor(Date.now() / 1000);
const base = () => ({ sub: JORDAN.sub, given_name: 'Jordan', family_name: 'Rivera', iss: ISSUER, aud: AUDIENCE, exp: nowS() + 120, jti: `jti-${Math.random()}` });

describe('signed patient launch', () => {
  it('signs in the host’s patient; the same patient id is the same VSee user', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    const res = await b.post('/api/session/launch', { token: await sign() });
    expect(res.status).toBe(201);
    expect(session.parse(await res.json())).toMatchObject({ firstName: 'Jordan', lastName: 'Rivera', launched: true });
    const user = server.sandbox.store.userByCode(JORDAN.sub);
    expect(user?.firstName).toBe('Jordan');

    const again = browser(server);
    expect((await again.post('/api/session/launch', { token: await sign() })).status).toBe(201);
    expect([...server.sandbox.store.users.values()].filter((u) => u.code === JORDAN.sub)).toHaveLength(1);
  });

  it('lets the launched patient book, and their visits are theirs across launches', async () => {
    const server = makeServer(ENV);
    const b = browser(server);
    await b.post('/api/session/launch', { token: await sign() });
    const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'WA' });
    const intakeId = ((await i.json()) as { id: string }).id;
    const v = visit.parse(await (await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).json());
    const later = browser(server);
    await later.post('/api/session/launch', { token: await sign() });
    expect((await later.get(`/api/visits/${v.id}`)).status).toBe(200);
  });

  it.each([
    ['tampered', async () => {
      const t = await sign();
      const [h, p, s] = t.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      claims.sub = 'someone-else';
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    }],
    ['alg none', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return `${header}.${Buffer.from(JSON.stringify(base())).toString('base64url')}.`;
    }],
    ['wrong key', () => custom(base(), 'HS256', new TextEncoder().encode('x'.repeat(40)))],
    ['HS512 (algorithm not allowed)', () => custom(base(), 'HS512')],
    ['expired', () => custom({ ...base(), exp: nowS() - 60 })],
    ['not yet valid', () => custom({ ...base(), nbf: nowS() + 120 })],
    ['wrong audience', () => custom({ ...base(), aud: 'https://other.example' })],
    ['wrong issuer', () => custom({ ...base(), iss: 'https://evil.example' })],
    ['lives longer than 5 minutes', () => custom({ ...base(), exp: nowS() + 3600 })],
    ['without jti', () => custom({ ...base(), jti: undefined })],
    ['with a guest-reserved patient id', () => custom({ ...base(), sub: 'fd-0123456789abcdef' })],
    ['without a name', () => custom({ ...base(), given_name: undefined })],
  ])('refuses a token that is %s with 401', async (_name, make) => {
    const server = makeServer(ENV);
    const users = server.sandbox.store.users.size;
    const res = await browser(server).post('/api/session/launch', { token: await make() });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(server.sandbox.store.users.size).toBe(users);
  });

  it('refuses a replayed token', async () => {
    const server = makeServer(ENV);
    const token = await sign();
    expect((await browser(server).post('/api/session/launch', { token })).status).toBe(201);
    expect((await browser(server).post('/api/session/launch', { token })).status).toBe(401);
  });

  it('ignores a code or member_id sent beside the token', async () => {
    const server = makeServer(ENV);
    const res = await browser(server).post('/api/session/launch', { token: await sign(), code: 'victim', member_id: '10004' });
    expect(res.status).toBe(201);
    expect(server.sandbox.store.userByCode('victim')).toBeUndefined();
    const me = server.sandbox.store.userByCode(JORDAN.sub)!;
    expect(me.id).not.toBe('10004');
  });

  it('in the sandbox demo, only the demo host’s per-process secret is accepted', async () => {
    const server = makeServer();
    expect(server.config.launch?.secret).not.toBe(SECRET);
    expect((await browser(server).post('/api/session/launch', { token: await sign() })).status).toBe(401);
  });
});

describe('launch verified against a JWKS (ES256)', () => {
  let jwksServer: Server;
  let jwksUrl = '';
  let privateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', () => r()));
    const addr = jwksServer.address();
    jwksUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => jwksServer.close(() => r())));

  it('accepts an ES256 token from the host’s key set and refuses an HS256 one made with a guessed secret', async () => {
    const server = makeServer({ LAUNCH_JWKS_URL: jwksUrl, LAUNCH_ISSUER: ISSUER, LAUNCH_AUDIENCE: AUDIENCE, EMBED_ORIGINS: ISSUER });
    const good = await new SignJWT(base()).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(privateKey);
    expect((await browser(server).post('/api/session/launch', { token: good })).status).toBe(201);
    const forged = await custom(base());
    expect((await browser(server).post('/api/session/launch', { token: forged })).status).toBe(401);
  });
});
