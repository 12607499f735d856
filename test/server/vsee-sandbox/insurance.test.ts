/** The sandbox's insurance endpoints: their rules and refusals, and the clock/webhook controls. */
import { describe, expect, it } from 'vitest';
import { setup, type Raw } from './support';

const ME = { 'insurance.primary_carrier_code': 'car7551', 'insurance.respparty': 'self', 'insurance.primary_subscriber_num': 'W1002' };

describe('POST /me with insurance', () => {
  it('takes the Insurance page’s other spellings too, flat JSON or nested', async () => {
    const t = setup();
    const { id, token } = await t.sso({ dob: '1990-01-01' });
    expect((await t.post('/me', token, { 'insurance.insurer_id': 'car7147', 'insurance.subscriber_num': 'Z9', 'insurance.group_number': 'G1' }, 'json')).status).toBe(200);
    const user = t.sandbox.store.users.get(id)!;
    expect(user.insurance?.primary).toEqual({ carrierCode: 'car7147', subscriberNum: 'Z9', groupNumber: 'G1' });
    const nested = await t.request('/api_v3/me', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-ApiToken': token },
      body: JSON.stringify({ insurance: { secondary_carrier_code: 'car7551', secondary_subscriber_num: 'S1', respparty: 'spouse' } }),
    });
    expect(nested.status).toBe(200);
    expect(user.insurance).toMatchObject({ primary: { carrierCode: 'car7147' }, secondary: { carrierCode: 'car7551', subscriberNum: 'S1' }, respparty: 'spouse' });
  });

  it('refuses an unknown carrier, an unknown respparty and a bad holder birth date', async () => {
    const t = setup();
    const { token } = await t.sso();
    const msg = async (fields: Record<string, string>) => {
      const res = await t.post('/me', token, fields);
      expect(res.status).toBe(400);
      return ((await res.json()) as Raw).message as string;
    };
    expect(await msg({ ...ME, 'insurance.primary_carrier_code': 'car1' })).toBe('Unknown carrier code car1');
    expect(await msg({ ...ME, 'insurance.respparty': 'parent' })).toMatch(/respparty/);
    expect(await msg({ ...ME, 'insurance.guarantor_dob': '03/04/1960' })).toMatch(/guarantor_dob/);
    expect((await t.post('/me', null, ME)).status).toBe(401);
  });
});

describe('eligibility', () => {
  it('only for the caller, a carrier on their cards and a user with name and birth date', async () => {
    const t = setup();
    const a = await t.sso({ dob: '1990-01-01' });
    const b = await t.sso();
    await t.post('/me', a.token, ME);
    await t.post('/me', b.token, ME);
    expect((await t.post(`/users/${b.id}/car7551/eligibility`, a.token, {})).status).toBe(404);
    expect((await t.post(`/users/${a.id}/car7147/eligibility`, a.token, {})).status).toBe(400);
    const noDob = await t.post(`/users/${b.id}/car7551/eligibility`, b.token, {});
    expect(noDob.status).toBe(400);
    expect(((await noDob.json()) as Raw).message).toBe('Missing user fields required for eligibility: dob');
    const ok = await t.post(`/users/-/car7551/eligibility.json`, a.token, {});
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Raw).data).toEqual({ eligibility_id: '2505465', carrier_code: 'car7551' });
  });

  it.each([
    ['W1001', 'active'],
    ['W1002', 'inactive'],
    ['W1003', 'unknown'],
    ['W100X', 'active'],
  ])('member ID %s → eligibility.status %s, 10 s later on the sandbox clock', async (num, status) => {
    const t = setup();
    const { id, token } = await t.sso({ dob: '1990-01-01' });
    await t.post('/me', token, { ...ME, 'insurance.primary_subscriber_num': num });
    await t.post(`/users/${id}/car7551/eligibility`, token, {});
    const cards = async () => ((await (await t.get(`/users/${id}/insurances`, token)).json()) as Raw).data[0];
    expect((await cards()).eligibility).toBeUndefined();
    const clock = await t.control('/clock', { seconds: 9 });
    expect(clock.status).toBe(200);
    expect((await cards()).eligibility).toBeUndefined();
    expect((await t.control('/clock', { seconds: 1 })).status).toBe(200);
    expect((await cards()).eligibility).toEqual({ status });
  });
});

describe('controls', () => {
  it('the clock only moves on; webhook delivery cannot be switched on without a URL', async () => {
    const t = setup();
    const before = ((await (await t.request('/control/clock')).json()) as Raw).data.now as number;
    expect((await t.control('/clock', { seconds: -5 })).status).toBe(400);
    expect((await t.control('/clock', { seconds: 60 })).status).toBe(200);
    expect(t.sandbox.now()).toBe(before + 60);
    expect((await t.control('/webhook', { enabled: true })).status).toBe(409);
    expect((await t.control('/webhook', { enabled: false })).status).toBe(200);
    expect(((await (await t.request('/control/webhook')).json()) as Raw).data).toEqual({ configured: false, enabled: false, version: '1', deliveries: [] });
  });

  it('a paused clock stands still until moved on, then runs from there', async () => {
    const t = setup();
    expect((await t.control('/clock', { paused: true })).status).toBe(200);
    const at = t.sandbox.now();
    t.clock.ms += 60_000;
    expect(t.sandbox.now()).toBe(at);
    await t.control('/clock', { seconds: 10 });
    expect(t.sandbox.now()).toBe(at + 10);
    await t.control('/clock', { paused: false });
    t.clock.ms += 5_000;
    expect(t.sandbox.now()).toBe(at + 15);
  });

  it('sets the clinic’s insurers and prices, and restores them', async () => {
    const t = setup();
    const { token } = await t.sso();
    const insurers = async () => ((await (await t.get('/insurances', token)).json()) as Raw).data.insurers.length as number;
    const prices = async () => ((await (await t.request('/api_v3/rooms/sandbox')).json()) as Raw).data.payment.consultations.map((c: { amount: number }) => c.amount);
    expect([await insurers(), await prices()]).toEqual([10, [49, 89, 0]]);
    expect((await t.control('/payment', { insurers: false, price: 0 })).status).toBe(200);
    expect([await insurers(), await prices()]).toEqual([0, [0, 0, 0]]);
    await t.control('/payment', { insurers: true, price: null });
    expect([await insurers(), await prices()]).toEqual([10, [49, 89, 0]]);
    expect((await t.control('/payment', { price: -1 })).status).toBe(400);
  });
});
