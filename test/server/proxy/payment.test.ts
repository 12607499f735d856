/**
 * How the visit is paid (issue #12) through the patient API, against the sandbox: the options,
 * saving insurance with VSee's exact field names, one eligibility check per card, the result by
 * webhook (sandbox clock moved on) and by reading VSee back when no webhook comes.
 */
import { describe, expect, it } from 'vitest';
import type { Coverage, PaymentOptions } from '../../../src/api/contract';
import { insuranceForm } from '../../../server/vsee/insurance';
import { browser, makeServer, PATIENT, type TestServer } from '../../support/server';

async function signedIn(env: Record<string, string> = {}, opts: Parameters<typeof makeServer>[1] = {}) {
  const server = makeServer(env, opts);
  const b = browser(server);
  const s = await b.post('/api/session/guest', PATIENT);
  expect(s.status).toBe(201);
  return { server, b };
}

function vseeUser(server: TestServer) {
  const users = [...server.sandbox.store.users.values()].filter((u) => u.firstName === PATIENT.firstName && u.type === 200);
  expect(users).toHaveLength(1);
  return users[0]!;
}

/** Lets the sandbox's 10 seconds pass, and our receiver finish what the webhook asked. */
async function checksRun(server: TestServer) {
  await server.sandbox.advance(10);
  await server.webhooks!.idle();
}

const coverageOf = async (b: ReturnType<typeof browser>) => {
  const res = await b.get('/api/coverage');
  expect(res.status).toBe(200);
  return (await res.json()) as Coverage;
};

const INSURANCE = {
  method: 'insurance',
  primary: { insurerId: 'car7556', memberId: 'HCA-0000451', groupNumber: 'G 77' },
  holder: { relation: 'self' },
} as const;

describe('payment options', () => {
  it('lists the clinic’s insurers and the visit’s price from the room’s consultation', async () => {
    const { b } = await signedIn();
    const res = await b.get('/api/payment/options');
    expect(res.status).toBe(200);
    const body = (await res.json()) as PaymentOptions;
    expect(body.insurers.slice(0, 6).map((i) => i.id)).toEqual(['car7551', 'car7414', 'car11406', 'car7147', 'car7580', 'car7556']);
    expect(body.price).toEqual({ amount: 49, currency: 'USD' });
  });

  it('needs a signed-in patient', async () => {
    const server = makeServer();
    const res = await browser(server).get('/api/payment/options');
    expect(res.status).toBe(401);
  });
});

describe('saving insurance', () => {
  it('builds POST /me from seed 003’s field names exactly', () => {
    expect(
      insuranceForm({
        primary: { carrierCode: 'car7556', memberId: '234234', groupNumber: 'test 3' },
        secondary: { carrierCode: 'car11406', memberId: 'aaaaa', groupNumber: 'asdasd' },
        respparty: 'self',
      }),
    ).toEqual({
      'insurance.primary_carrier_code': 'car7556',
      'insurance.respparty': 'self',
      'insurance.primary_subscriber_num': '234234',
      'insurance.primary_group_number': 'test 3',
      'insurance.secondary_carrier_code': 'car11406',
      'insurance.secondary_subscriber_num': 'aaaaa',
      'insurance.secondary_group_number': 'asdasd',
    });
    expect(
      insuranceForm({ primary: { carrierCode: 'car7551', memberId: 'X1' }, respparty: 'child', holder: { firstName: 'Rosa', lastName: 'Quill', dob: '1960-02-03' } }),
    ).toEqual({
      'insurance.primary_carrier_code': 'car7551',
      'insurance.respparty': 'child',
      'insurance.primary_subscriber_num': 'X1',
      'insurance.guarantor_first_name': 'Rosa',
      'insurance.guarantor_last_name': 'Quill',
      'insurance.guarantor_dob': '1960-02-03',
    });
  });

  it('stores the answers on the VSee user and asks for one eligibility check per card', async () => {
    const { server, b } = await signedIn();
    const res = await b.post('/api/payment', {
      ...INSURANCE,
      holder: { relation: 'spouse', firstName: 'Sam', lastName: 'Quill', dob: '1984-09-30' },
      secondary: { insurerId: 'car11406', memberId: 'ANT-992' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const user = vseeUser(server);
    expect(user.insurance).toEqual({
      primary: { carrierCode: 'car7556', subscriberNum: 'HCA-0000451', groupNumber: 'G 77' },
      secondary: { carrierCode: 'car11406', subscriberNum: 'ANT-992', groupNumber: null },
      respparty: 'spouse',
      guarantor: { firstName: 'Sam', lastName: 'Quill', dob: '1984-09-30' },
    });
    const checks = [...server.sandbox.store.eligibility.values()].filter((c) => c.userId === user.id);
    expect(checks.map((c) => [c.carrierCode, c.order])).toEqual([
      ['car7556', 'primary'],
      ['car11406', 'secondary'],
    ]);
    const body = (await res.json()) as Coverage;
    expect(body).toEqual({
      method: 'insurance',
      price: { amount: 49, currency: 'USD' },
      cards: [
        { order: 'primary', insurer: 'HEALTH CHOICE ARIZONA', memberIdLast4: '0451', state: 'checking' },
        { order: 'secondary', insurer: 'ANTHEM BLUE SHIELD', memberIdLast4: 'T992', state: 'checking' },
      ],
    });
  });

  it.each([
    ['HCA-0000451', 'active'],
    ['HCA-0000452', 'inactive'],
    ['HCA-0000453', 'unknown'],
  ] as const)('member ID %s → %s once the sandbox’s 10 seconds pass (webhook)', async (memberId, state) => {
    const { server, b } = await signedIn();
    await b.post('/api/payment', { ...INSURANCE, primary: { insurerId: 'car7556', memberId } });
    expect((await coverageOf(b)).cards[0]!.state).toBe('checking');
    await server.sandbox.advance(9);
    expect((await coverageOf(b)).cards[0]!.state).toBe('checking');
    await checksRun(server);
    expect((await coverageOf(b)).cards[0]).toEqual({ order: 'primary', insurer: 'HEALTH CHOICE ARIZONA', memberIdLast4: memberId.slice(-4), state });
    const delivered = server.sandbox.outbox.deliveries;
    expect(delivered.map((d) => [d.type, d.status])).toEqual([['eligibility.checked', 200]]);
  });

  it('each card gets its own result', async () => {
    const { server, b } = await signedIn();
    await b.post('/api/payment', { ...INSURANCE, primary: { insurerId: 'car7556', memberId: 'A1' }, secondary: { insurerId: 'car7551', memberId: 'B2' } });
    await checksRun(server);
    expect((await coverageOf(b)).cards.map((c) => c.state)).toEqual(['active', 'inactive']);
  });

  it('"my insurance isn’t listed" sends nothing to VSee and is not checked', async () => {
    const { server, b } = await signedIn();
    const res = await b.post('/api/payment', { method: 'insurance', primary: { insurerId: null }, holder: { relation: 'self' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Coverage).cards).toEqual([{ order: 'primary', insurer: null, memberIdLast4: null, state: 'not_checked' }]);
    expect(vseeUser(server).insurance).toBeNull();
    expect(server.sandbox.store.eligibility.size).toBe(0);
  });

  it.each(['self_pay', 'not_sure'] as const)('%s is recorded without insurance', async (method) => {
    const { server, b } = await signedIn();
    const res = await b.post('/api/payment', { method });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method, cards: [], price: { amount: 49, currency: 'USD' } });
    expect(await coverageOf(b)).toEqual({ method, cards: [], price: { amount: 49, currency: 'USD' } });
    expect(server.sandbox.store.eligibility.size).toBe(0);
  });

  it('a later choice replaces the earlier one', async () => {
    const { b } = await signedIn();
    await b.post('/api/payment', INSURANCE);
    await b.post('/api/payment', { method: 'not_sure' });
    expect((await coverageOf(b)).method).toBe('not_sure');
  });

  it('refuses what cannot be sent, field by field, and saves nothing', async () => {
    const { server, b } = await signedIn();
    const bad = async (body: unknown) => {
      const res = await b.post('/api/payment', body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    };
    expect(await bad({ ...INSURANCE, primary: { insurerId: 'car7556', memberId: '' } })).toHaveProperty(['primary.memberId']);
    expect(await bad({ ...INSURANCE, primary: { insurerId: 'car7556', memberId: 'A1<script>' } })).toHaveProperty(['primary.memberId']);
    expect(Object.keys(await bad({ ...INSURANCE, holder: { relation: 'other' } })).sort()).toEqual(['holder.dob', 'holder.firstName', 'holder.lastName']);
    expect(await bad({ ...INSURANCE, primary: { insurerId: 'car0000', memberId: 'A1' } })).toHaveProperty(['primary.insurerId']);
    expect(await bad({ method: 'insurance', primary: { insurerId: null }, holder: { relation: 'self' }, secondary: { insurerId: 'car7551', memberId: 'B1' } })).toHaveProperty(['secondary']);
    expect(await bad({ method: 'cash' })).toHaveProperty(['method']);
    expect(vseeUser(server).insurance).toBeNull();
    expect((await coverageOf(b)).method).toBeNull();
  });

  it('an eligibility check VSee refuses shows as "couldn’t confirm", and the choice is still saved', async () => {
    const { server, b } = await signedIn();
    server.sandbox.faults.add([{ route: 'POST /users/:id/:carrier/eligibility', kind: 'error', status: 400 }]);
    const res = await b.post('/api/payment', INSURANCE);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Coverage).cards[0]!.state).toBe('unknown');
  });

  it('VSee failing to store the insurance is the usual honest 502, nothing half-saved', async () => {
    const { server, b } = await signedIn();
    server.sandbox.faults.add([{ route: 'POST /me', kind: 'error', status: 503 }]);
    const res = await b.post('/api/payment', INSURANCE);
    expect(res.status).toBe(502);
    expect((await coverageOf(b)).method).toBeNull();
  });

  it('shows the member ID only as its last 4, and never logs it', async () => {
    const { server, b } = await signedIn({}, { logLevel: 'info' });
    const res = await b.post('/api/payment', { ...INSURANCE, primary: { insurerId: 'car7556', memberId: 'ZXQ98761' } });
    await checksRun(server);
    const cov = await b.get('/api/coverage');
    for (const text of [await res.text(), await cov.text(), server.logs.join('\n')]) {
      expect(text).not.toContain('ZXQ98761');
      expect(text).not.toContain('ZXQ9');
    }
    expect(server.logs.join('\n')).toContain('"event":"eligibility_checked"');
  });
});

describe('coverage without a webhook (reading VSee back)', () => {
  it('with no webhook reaching us, reads GET /users/:id/insurances at a gentle interval', async () => {
    const { server, b } = await signedIn({ COVERAGE_POLL_SECONDS: '15' });
    server.sandbox.outbox.enabled = false; // the clinic has no webhook URL at VSee
    await b.post('/api/payment', INSURANCE);
    await server.sandbox.advance(10);
    expect(server.sandbox.outbox.deliveries).toEqual([]);
    // Webhook configured on our side: within the grace period we wait for it.
    expect((await coverageOf(b)).cards[0]!.state).toBe('checking');
    server.clock.now += 31_000;
    expect((await coverageOf(b)).cards[0]!.state).toBe('active');
  });

  it('without a receiver at all, polls at once, then at most once per interval', async () => {
    const { server, b } = await signedIn({ COVERAGE_POLL_SECONDS: '15' });
    server.sandbox.outbox.enabled = false;
    // As if VSEE_WEBHOOK_SECRET were unset (sandbox mode always makes one).
    (server.config as { webhookSecret: string | null }).webhookSecret = null;
    await b.post('/api/payment', INSURANCE);
    expect((await coverageOf(b)).cards[0]!.state).toBe('checking'); // polled: not run yet
    await server.sandbox.advance(10);
    expect((await coverageOf(b)).cards[0]!.state).toBe('checking'); // within 15 s of the last read: no new read
    server.clock.now += 15_000;
    expect((await coverageOf(b)).cards[0]!.state).toBe('active');
    expect(server.sandbox.outbox.deliveries).toEqual([]);
  });
});
