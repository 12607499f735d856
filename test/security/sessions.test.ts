/**
 * Sessions that end when they end: sign-out revokes the session everywhere, a cookie "born" in the
 * future is forged, a rotated secret neither signs anyone out nor keeps an old key forever.
 */
import { createHash } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/proxy/stores/memory';
import { browser, makeServer, PATIENT } from '../support/server';

const OLD = 'o'.repeat(40);

/** GET /api/session answers 200 either way; whether someone is signed in is in the body. */
async function signedIn(b: ReturnType<typeof browser>) {
  const res = await b.get('/api/session');
  expect(res.status).toBe(200);
  return ((await res.json()) as { signedIn: boolean }).signedIn;
}
const NEW = 'n'.repeat(40);

/** Seals a session the way the proxy does, with a secret the attacker is assumed to hold. */
async function seal(secret: string, payload: Record<string, unknown>) {
  const key = createHash('sha256').update(`frontdesk-session:${secret}`).digest();
  return new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime('10m').encrypt(key);
}

describe('sign-out', () => {
  it('revokes the session: a copy of the cookie kept from before is refused, on every copy of the proxy', async () => {
    const kv = createMemoryStore();
    const env = { SESSION_SECRET: OLD };
    const one = makeServer(env, { kv });
    const two = makeServer(env, { kv });
    const b = browser(one);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const copy = b.jar.get('__Host-frontdesk')!;
    expect((await b.del('/api/session')).status).toBe(204);

    for (const server of [one, two]) {
      const thief = browser(server);
      thief.jar.set('__Host-frontdesk', copy);
      expect(await signedIn(thief)).toBe(false);
      expect((await thief.get('/api/visits')).status).toBe(401);
      expect((await thief.post('/api/intakes', { kind: 'walkin', reason: 'x', state: 'CA' })).status).toBe(401);
    }
  });

  it('another session of the same patient is not signed out', async () => {
    const server = makeServer();
    const a = browser(server);
    const b = browser(server);
    await a.post('/api/session/guest', PATIENT);
    await b.post('/api/session/guest', PATIENT);
    await a.del('/api/session');
    expect(await signedIn(b)).toBe(true);
  });
});

describe('a forged session', () => {
  const base = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sid: 'forged-session-id-0001',
      userCode: 'fd-x',
      memberId: '10001',
      apiToken: 't',
      apiTokenExpires: now + 3600,
      firstName: 'A',
      lastName: 'B',
      born: now,
      seen: now,
      intakes: [],
    };
  };

  it('is accepted when well-formed (the control), refused when born in the future', async () => {
    const server = makeServer({ SESSION_SECRET: OLD });
    const ok = browser(server);
    ok.jar.set('__Host-frontdesk', await seal(OLD, base()));
    expect(await signedIn(ok)).toBe(true);

    for (const ahead of [{ born: base().born + 3600, seen: base().seen + 3600 }, { born: base().born + 24 * 3600 }]) {
      const b = browser(server);
      b.jar.set('__Host-frontdesk', await seal(OLD, { ...base(), ...ahead }));
      expect(await signedIn(b)).toBe(false);
    }
  });

  it('without a session id is refused', async () => {
    const server = makeServer({ SESSION_SECRET: OLD });
    const b = browser(server);
    const noId: Record<string, unknown> = base();
    delete noId.sid;
    b.jar.set('__Host-frontdesk', await seal(OLD, noId));
    expect(await signedIn(b)).toBe(false);
  });
});

describe('SESSION_SECRETS rotation', () => {
  it('newest first seals, every listed one opens; a secret no longer listed opens nothing', async () => {
    const before = makeServer({ SESSION_SECRETS: OLD });
    const b = browser(before);
    await b.post('/api/session/guest', PATIENT);
    const sealedWithOld = b.jar.get('__Host-frontdesk')!;

    const during = makeServer({ SESSION_SECRETS: `${NEW},${OLD}` });
    const d = browser(during);
    d.jar.set('__Host-frontdesk', sealedWithOld);
    expect(await signedIn(d)).toBe(true);
    const resealed = d.jar.get('__Host-frontdesk')!;
    // Re-sealed with the newest secret: a copy that knows only NEW reads it.
    const after = browser(makeServer({ SESSION_SECRETS: NEW }));
    after.jar.set('__Host-frontdesk', resealed);
    expect(await signedIn(after)).toBe(true);
    // ...and a cookie still sealed with the dropped secret is refused there.
    const stale = browser(makeServer({ SESSION_SECRETS: NEW }));
    stale.jar.set('__Host-frontdesk', sealedWithOld);
    expect(await signedIn(stale)).toBe(false);
  });

  it('SESSION_SECRET still works as a one-element list, and both together are refused at start', () => {
    expect(makeServer({ SESSION_SECRET: OLD }).config.sessionSecrets).toEqual([OLD]);
    expect(() => makeServer({ SESSION_SECRET: OLD, SESSION_SECRETS: NEW })).toThrow(/SESSION_SECRET/);
    expect(() => makeServer({ SESSION_SECRETS: `${NEW},short` })).toThrow(/^SESSION_SECRETS:/);
  });
});
