import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffStatus } from '../../../src/api/staff-status';
import { signLaunchToken } from '../../../server/demo-host/sign-launch-token';
import { createRedisStore } from '../../../server/proxy/stores/redis';
import type { KvStore } from '../../../server/proxy/stores/store';
import { REDIS_MISSING, redisAvailable, startRedis, type RunningRedis } from '../../support/redis';
import { browser, guestWithIntake, newKey, PATIENT } from '../../support/server';
import { opsServer } from './support';

const TOKEN = 'status-admin-token-0123456789abcdef0123';
const auth = { Authorization: `Bearer ${TOKEN}` };

const hasRedis = redisAvailable();
if (!hasRedis) {
  if (process.env.CI === 'true') throw new Error(`${REDIS_MISSING} (required under CI=true)`);
  console.warn(`[skip] status counters in Redis: ${REDIS_MISSING}`);
}

async function status(app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> }) {
  const res = await app.request('/api/staff/status', { headers: auth });
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return staffStatus.parse(await res.json());
}

describe('GET /api/staff/status', () => {
  it('wants the admin token (or a staff session)', async () => {
    const { app } = opsServer({ ADMIN_API_TOKEN: TOKEN });
    expect((await app.request('/api/staff/status')).status).toBe(401);
    expect((await app.request('/api/staff/status', { headers: { Authorization: 'Bearer nope-nope-nope-nope' } })).status).toBe(401);
    // A patient's session is not staff.
    const b = browser({ app });
    await b.post('/api/session/guest', PATIENT);
    expect((await b.get('/api/staff/status')).status).toBe(401);
    expect((await app.request('/api/staff/status', { headers: auth })).status).toBe(200);
  });

  it('opens with a provider’s staff session (no token); a patient’s, even renamed, and a signed-out provider’s are refused', async () => {
    const launch = { secret: 'launch-secret-for-tests-0123456789abcdef', issuer: 'https://health.example', audience: 'http://localhost:8080' };
    const { app } = opsServer({ LAUNCH_SECRET: launch.secret, LAUNCH_ISSUER: launch.issuer, LAUNCH_AUDIENCE: launch.audience, EMBED_ORIGINS: launch.issuer });
    const provider = browser({ app });
    const token = await signLaunchToken({ sub: 'rh-provider-17', givenName: 'Sam', familyName: 'Patel' }, { ...launch, role: 'provider' });
    expect((await provider.post('/api/staff/launch', { token })).status).toBe(201);
    expect([...provider.jar.keys()]).toEqual(['__Host-frontdesk-staff']);
    const res = await provider.get('/api/staff/status');
    expect(res.status).toBe(200);
    expect(staffStatus.parse(await res.json()).today.funnel).toEqual({ started: 0, details: 0, time_chosen: 0, booked: 0 });

    // A signed-in patient is not staff — not even with their cookie under the staff cookie's name.
    const patient = browser({ app });
    expect((await patient.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect((await patient.get('/api/staff/status')).status).toBe(401);
    const patientCookie = [...patient.jar.values()][0]!;
    expect((await app.request('/api/staff/status', { headers: { Cookie: `__Host-frontdesk-staff=${patientCookie}` } })).status).toBe(401);

    // Signed out: the same cookie, copied before, opens nothing.
    const copied = provider.jar.get('__Host-frontdesk-staff')!;
    expect((await provider.del('/api/staff/session')).status).toBe(204);
    expect((await app.request('/api/staff/status', { headers: { Cookie: `__Host-frontdesk-staff=${copied}` } })).status).toBe(401);
  });

  it('is closed when no ADMIN_API_TOKEN is set and there is no staff session', async () => {
    const { app } = opsServer();
    expect((await app.request('/api/staff/status', { headers: auth })).status).toBe(401);
  });

  it('counts bookings by kind and outcome, the funnel and VSee calls, by UTC day — no ids', async () => {
    const server = opsServer({ ADMIN_API_TOKEN: TOKEN });
    const b = browser(server);
    const intakeId = await guestWithIntake(b, 'walkin');
    const w = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(w.status).toBe(201);
    const visitId = ((await w.json()) as { id: string }).id;
    const s = await status(server.app);
    expect(s.today.bookings.walkin).toEqual({ booked: 1, recovered: 0, refused: 0, failed: 0 });
    expect(s.today.funnel).toEqual({ started: 1, details: 1, time_chosen: 1, booked: 1 });
    expect(s.today.vendor.ok).toBeGreaterThanOrEqual(3);
    expect(s.today.vendorLatency.reduce((a, n) => a + n, 0)).toBe(s.today.vendor.ok);
    expect(s.week.bookings.walkin.booked).toBe(1);
    expect(s.bookedByDay.at(-1)).toEqual({ day: s.days.at(-1), walkin: 1, appointment: 0, econsult: 0 });
    expect(s.days.at(-1)).toBe(new Date(server.clock.now).toISOString().slice(0, 10));
    const text = JSON.stringify(s);
    for (const secret of [visitId, intakeId, PATIENT.email, PATIENT.lastName]) expect(text).not.toContain(secret);

    // The provider starts the visit; the patient's waiting room sees it: one queue wait counted, once.
    server.clock.now += 4 * 60_000;
    const start = await server.app.request(`/sandbox/vc/providers/visits/${visitId}/start`, { method: 'POST' });
    expect(start.status).toBe(303);
    for (let i = 0; i < 3; i++) expect((await b.get(`/api/visits/${visitId}`)).status).toBe(200);
    // 4 minutes: the "up to 5 min" bucket.
    expect((await status(server.app)).today.queueWaits).toEqual([0, 1, 0, 0, 0, 0, 0]);

    // Tomorrow, today's count is yesterday's.
    server.clock.now += 24 * 60 * 60_000;
    const next = await status(server.app);
    expect(next.today.bookings.walkin.booked).toBe(0);
    expect(next.week.bookings.walkin.booked).toBe(1);
    expect(next.bookedByDay.at(-2)!.walkin).toBe(1);
  });

  describe.skipIf(!hasRedis)('two copies sharing Redis', () => {
    let redis: RunningRedis;
    const stores: KvStore[] = [];
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await redis?.stop();
    });

    it('report the same numbers, whichever copy booked', async () => {
      const copy = async () => {
        const kv = await createRedisStore({ url: redis.url, prefix: 'status-test:' });
        stores.push(kv);
        // The store connects in the background; sessions are refused until it answers.
        for (let i = 0; i < 100 && !kv.ready(); i++) await new Promise((r) => setTimeout(r, 50));
        return opsServer({ ADMIN_API_TOKEN: TOKEN }, { kv });
      };
      const a = await copy();
      const b = await copy();
      for (const server of [a, b]) {
        const p = browser(server);
        const intakeId = await guestWithIntake(p, 'walkin');
        expect((await p.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() })).status).toBe(201);
      }
      // Counters are written after the answer; give them a moment.
      await new Promise((r) => setTimeout(r, 100));
      const [fromA, fromB] = [await status(a.app), await status(b.app)];
      expect(fromA.today.bookings.walkin.booked).toBe(2);
      expect({ ...fromB, generatedAt: '' }).toEqual({ ...fromA, generatedAt: '' });
    });
  });
});
