import { describe, expect, it } from 'vitest';
import { VISIT_STATUS } from '../../../server/vsee/codes';
import { SEED_PATIENT } from '../../../server/vsee-sandbox/seed';
import { laMarch, setup, T0_SEC, type Raw } from './support';

describe('seed and control', () => {
  it('seeds named providers, the room and Maria Lopez’s appointments', async () => {
    const t = setup();
    const maria = await t.sso({ code: SEED_PATIENT.code, first_name: 'Maria', last_name: 'Lopez' });
    expect(maria.id).toBe('10004');
    const visits: Raw = await (await t.get('/visits', maria.token)).json();
    expect(visits.data.map((v: Raw) => [v.status, Number(v.start), v.provider.last_name])).toEqual([
      [String(VISIT_STATUS.completed), laMarch(5, 10) - 7 * 86_400, 'Okafor'],
      [String(VISIT_STATUS.confirmed), laMarch(6, 8, 30), 'Chen'],
      [String(VISIT_STATUS.confirmed), laMarch(6, 9), 'Okafor'],
      [String(VISIT_STATUS.confirmed), laMarch(7, 14), 'Herrera'],
    ]);
    expect(visits.data[0].id).toBe('67258');

    const room: Raw = await (await t.request('/api_v3/rooms/sandbox.json')).json();
    expect(room.data).toMatchObject({
      code: 'sandbox',
      name: 'Sandbox Clinic',
      visits: { walkin: { enabled: true }, appointment: { enabled: true } },
      operation_settings: { is_closed: false, default_timezone: 'America/Los_Angeles' },
      provider_ids: ['10001', '10002', '10003'],
    });
    const providers: Raw = await (await t.request('/api_v3/rooms/sandbox/providers')).json();
    expect(providers.data.map((p: Raw) => `${p.first_name} ${p.last_name}`)).toEqual(['Amara Okafor', 'Luis Herrera', 'Mei Chen']);
  });

  it('POST /control/reset returns to the seed and forgets tokens', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ isClosed: true }) });
    const res = await t.request('/control/reset', { method: 'POST' });
    expect(res.status).toBe(204);
    const state: Raw = await (await t.request('/control/state')).json();
    expect(state.visits.map((v: Raw) => v.id)).toEqual(['67258', '67259', '67260', '67261']);
    expect(state.visits.map((v: Raw) => v.id)).not.toContain(w.id);
    expect(state.room.isClosed).toBe(false);
    expect(state.users).toHaveLength(4);
    expect((await t.get('/visits', token)).status).toBe(401);
    const again = await t.sso();
    expect(again.id).toBe('10005');
  });

  it('reset() does the same from code', async () => {
    const t = setup();
    const { token } = await t.sso();
    await t.walkin(token);
    expect(t.sandbox.store.visits.size).toBe(5);
    t.sandbox.reset();
    expect(t.sandbox.store.visits.size).toBe(4);
    expect(t.sandbox.store.tokens.size).toBe(0);
  });

  it('refuses malformed room settings', async () => {
    const t = setup();
    const res = await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ isClosed: 'yes' }) });
    expect(res.status).toBe(400);
    expect(t.sandbox.store.rooms.get('sandbox')?.isClosed).toBe(false);
  });

  it('honours a basePath other than /sandbox', async () => {
    const { createSandbox } = await import('../../../server/vsee-sandbox/index');
    const { Hono } = await import('hono');
    const sandbox = createSandbox({ basePath: '/vsee/' });
    const host = new Hono().route('/vsee', sandbox.app);
    const sso: Raw = await (
      await host.request('/vsee/api_v3/users/sso', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-ApiKey': 'sandbox-api-key', 'X-ApiSecret': 'sandbox-api-secret' },
        body: JSON.stringify({ first_name: 'A', last_name: 'B', code: 'bp' }),
      })
    ).json();
    const res = await host.request(`/vsee/vc/auth?sso_token=${sso.data.token.token}&next=/u/clinic`);
    expect(res.headers.get('location')).toBe('/vsee/vc/u/clinic');
    expect(res.headers.get('set-cookie')).toContain('Path=/vsee/vc');
  });
});

describe('POST /control/expire-tokens', () => {
  const INVALID = { code: 401, message: 'Invalid or expired token' };

  it('expires every access token when no user is named; a new SSO works again', async () => {
    const t = setup();
    const a = await t.sso();
    const b = await t.sso();
    expect((await t.get('/visits', a.token)).status).toBe(200);
    const res = await t.control('/expire-tokens');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { expired: 2 } });
    for (const token of [a.token, b.token]) {
      const after = await t.get('/visits', token);
      expect(after.status).toBe(401);
      expect(await after.json()).toEqual(INVALID);
    }
    // The re-mint a client does on 401: SSO again with the same code, same user, fresh token.
    const again = await t.sso({ code: 'test-patient-1' });
    expect(again.id).toBe(a.id);
    expect((await t.get('/visits', again.token)).status).toBe(200);
    // Already-expired tokens are not counted twice.
    expect(await (await t.control('/expire-tokens', {})).json()).toEqual({ data: { expired: 1 } });
  });

  it('expires only the named user’s tokens (id as a string or a number)', async () => {
    const t = setup();
    const a = await t.sso();
    const a2 = await t.sso({ code: 'test-patient-1' });
    const b = await t.sso();
    expect(await (await t.control('/expire-tokens', { userId: a.id })).json()).toEqual({ data: { expired: 2 } });
    expect((await t.get('/visits', a.token)).status).toBe(401);
    expect((await t.get('/visits', a2.token)).status).toBe(401);
    expect((await t.get('/visits', b.token)).status).toBe(200);
    expect(await (await t.control('/expire-tokens', { userId: Number(b.id) })).json()).toEqual({ data: { expired: 1 } });
    expect((await t.get('/visits', b.token)).status).toBe(401);
  });

  it('refuses a malformed body and an unknown user, expiring nothing', async () => {
    const t = setup();
    const { token } = await t.sso();
    const notJson = await t.request('/control/expire-tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await t.control('/expire-tokens', { userId: '10005', extra: true })).status).toBe(400);
    expect((await t.control('/expire-tokens', { userId: '' })).status).toBe(400);
    const unknown = await t.control('/expire-tokens', { userId: '424242' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 404, message: 'User not found.' });
    expect((await t.get('/visits', token)).status).toBe(200);
  });
});

describe('POST /control/visits/:id/complete', () => {
  it('completes a waiting walk-in, a confirmed appointment and a waiting e-consult in one step', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    const appt = await t.book(token, laMarch(6, 10), { provider_id: '10003' });
    const e = await t.econsult(token);
    t.clock.ms += 60_000;
    for (const [id, provider] of [[w.id, '10001'], [appt.id, '10003'], [e.id, '10001']] as const) {
      const res = await t.control(`/visits/${id}/complete`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { id, status: VISIT_STATUS.completed, providerId: provider } });
      const d = ((await (await t.get(`/visits/${id}`, token)).json()) as Raw).data;
      expect(d).toMatchObject({ status: VISIT_STATUS.completed, actual_end: T0_SEC + 60, completed_by: provider });
    }
  });

  it('refuses a finished or unknown visit', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    expect((await t.post('/visits/close', token, { id: w.id, reason: 'patient_exit_room' })).status).toBe(200);
    const closed = await t.control(`/visits/${w.id}/complete`);
    expect(closed.status).toBe(409);
    expect(t.sandbox.store.visits.get(w.id)?.status).toBe(VISIT_STATUS.cancelled);
    const missing = await t.control('/visits/999999/complete');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 404, message: 'Visit not found.' });
  });
});
