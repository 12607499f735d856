/**
 * The sandbox must answer like VSee: for every endpoint with a documented sample
 * (test/fixtures/vsee), the sandbox's `data` has every key path of the sample with the same JSON
 * type. Each call is made the way the sample's own request was made (same parameters, same
 * encoding), so that the answer is in the sample's situation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { createSandbox } from '../../../server/vsee-sandbox/index';
import { CONSULTATIONS, SEED_PATIENT } from '../../../server/vsee-sandbox/seed';
import { compareSkeleton, jsonType } from './skeleton';
import { laMarch, setup, SSO_HEADERS, T0, T0_SEC, encode, type Raw } from './support';

const FIXTURES = join(import.meta.dirname, '../../fixtures/vsee');
const fullSample = (name: string): Raw => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Raw;
const sample = (name: string): Raw => (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Raw).data;
const CLEAN = { drift: [], unchecked: [] };

async function dataOf(res: Response): Promise<Raw> {
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as Raw).data;
}

/** A patient with the profile fields VSee's sample members carry (dob, email, phone, gender). */
const PROFILE = { dob: '1983-02-02', email: 'keven@example.com', phone: '7123456111', gender: 2 };

/** Okafor (10001) and Chen (10003) are both free on Thursday 6 March at 10:00. */
const SLOT = laMarch(6, 10);
const OKAFOR = '10001';

describe('compareSkeleton', () => {
  it('catches a string where the sample has a number, and the reverse', () => {
    expect(compareSkeleton({ start: 1470186000 }, { start: '1470186000' })).toEqual({ drift: ['data.start: number ≠ string'], unchecked: [] });
    expect(compareSkeleton({ status: '10' }, { status: 10 })).toEqual({ drift: ['data.status: string ≠ number'], unchecked: [] });
    expect(compareSkeleton({ start: 1, status: '10' }, { start: 2, status: '40' })).toEqual(CLEAN);
  });

  it('reports missing keys and nulls where the sample has a value, at nested paths', () => {
    expect(compareSkeleton({ a: { b: { c: true } }, d: 's' }, { a: { b: {} }, d: null })).toEqual({
      drift: ['data.a.b.c: boolean ≠ missing', 'data.d: string ≠ null'],
      unchecked: [],
    });
    expect(compareSkeleton({ a: {} }, { a: [] }).drift).toEqual(['data.a: object ≠ array']);
  });

  it('lets a null in the sample match anything, and ignores extra keys in the answer', () => {
    expect(compareSkeleton({ a: null, b: null }, { a: 1, b: { x: 1 }, extra: 'yes' })).toEqual(CLEAN);
    // …but a missing key under a null is fine only because the sample cannot say what it is.
    expect(compareSkeleton({ a: null }, {})).toEqual(CLEAN);
  });

  it('compares arrays by their first element, and says when the answer’s array is empty', () => {
    const s = { hosts: [{ id: '1', role: 'owner' }], none: [] };
    expect(compareSkeleton(s, { hosts: [{ id: 1, role: 'owner' }, { id: 'x' }], none: [1] })).toEqual({ drift: ['data.hosts[0].id: string ≠ number'], unchecked: [] });
    expect(compareSkeleton(s, { hosts: [], none: [] })).toEqual({ drift: [], unchecked: ['data.hosts'] });
    expect(compareSkeleton([{ start: 1 }], [{ start: '1' }], { root: '$' }).drift).toEqual(['$[0].start: number ≠ string']);
  });

  it('lets listed state-dependent paths be absent or null, but still checks them when present', () => {
    const opts = { mayBeAbsent: ['data.call_logs', 'data.actual_start'] };
    expect(compareSkeleton({ call_logs: { total: 60 }, actual_start: 5 }, { actual_start: null }, opts)).toEqual(CLEAN);
    expect(compareSkeleton({ call_logs: { total: 60 } }, { call_logs: { total: '60' } }, opts).drift).toEqual(['data.call_logs.total: number ≠ string']);
    expect(compareSkeleton({ other: 5 }, {}, opts).drift).toEqual(['data.other: number ≠ missing']);
  });

  it('names JSON types', () => {
    expect([null, [], {}, '', 0, false, undefined].map(jsonType)).toEqual(['null', 'array', 'object', 'string', 'number', 'boolean', 'missing']);
  });
});

describe('sandbox answers have the documented samples’ fields and JSON types', () => {
  it('POST /users/sso (reference §3.1)', async () => {
    const t = setup();
    const { raw } = await t.sso({ dob: '1990-01-01', email: 'john@example.com' });
    expect(compareSkeleton(sample('sso'), raw.data)).toEqual(CLEAN);
  });

  it('POST /users/sso with a full profile, as multipart (seed 003)', async () => {
    const t = setup();
    const { headers, body } = encode(
      {
        first_name: 'Edward',
        last_name: 'VSee',
        type: '200',
        code: 'edward+001.vclinic@vseelab.com',
        email: 'edward+001.vclinic@vseelab.com',
        dob: '1986-01-01',
        gender: '1',
        street_addr: '2868 Tully Street',
        state: 'Detroit',
        city: 'MI',
        zip: '48226',
      },
      'multipart',
    );
    const d = await dataOf(await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body }));
    expect(compareSkeleton(sample('sso-insurance-flow'), d)).toEqual(CLEAN);
    // What was sent comes back in VSee's types: gender as a number, the address as sent.
    expect(d).toMatchObject({ full_name: 'Edward VSee', gender: 1, status: 20, street_addr: '2868 Tully Street', state: 'Detroit', city: 'MI', zip: '48226', created: T0_SEC });
    expect(d.token).toMatchObject({ created: T0_SEC, user_type: '200' });
  });

  it('POST /intakes (form-urlencoded with `provider` and `reset`, as the sample), with and without custom fields', async () => {
    const t = setup();
    const { token } = await t.sso();
    const fields = { provider: OKAFOR, reason_for_visit: 'Test', reset: 'true', type: 1 };
    const plain = await dataOf(await t.post('/intakes', token, fields, 'form'));
    expect(compareSkeleton(sample('intake-create'), plain)).toEqual(CLEAN);
    const custom = await dataOf(
      await t.post('/intakes', token, { ...fields, custom_is_allergic: 'Yes', custom_symptoms: 'Rash, Red Eyes', custom_symptoms_duration: '2 weeks' }, 'form'),
    );
    expect(compareSkeleton(sample('intake-create-custom-fields'), custom)).toEqual(CLEAN);
  });

  it('POST /intakes/:id (multipart)', async () => {
    const t = setup();
    const { token } = await t.sso();
    const id = await t.intake(token);
    const d = await dataOf(await t.post(`/intakes/${id}`, token, { location: 'CA', phone: '7123456789', reason_for_visit: 'Test intake functionalities 2' }));
    expect(compareSkeleton(sample('intake-update'), d)).toEqual(CLEAN);
  });

  it('GET /intakes/:id, with an attachment', async () => {
    const t = setup();
    const { token } = await t.sso();
    const id = await t.intake(token, { attachments: '57b4c65d-7ef8-461f-8951-43b1ac1f0144' });
    const d = await dataOf(await t.get(`/intakes/${id}`, token));
    expect(compareSkeleton(sample('intake-get'), d)).toEqual(CLEAN);
    // Custom fields (the create sample's) come back on the read too, as strings, beside the sample's keys.
    const withCustom = await t.intake(token, { custom_is_allergic: 'Yes', custom_symptoms: 'Rash, Red Eyes' });
    const c = await dataOf(await t.get(`/intakes/${withCustom}`, token));
    expect(compareSkeleton(sample('intake-get'), c).drift).toEqual([]);
    expect(compareSkeleton(sample('intake-create-custom-fields'), c).drift).toEqual(['data.custom_symptoms_duration: string ≠ missing']);
  });

  it('GET /availability', async () => {
    const t = setup();
    const { token } = await t.sso();
    const d = await dataOf(await t.get(`/availability?start=${SLOT}&end=${SLOT + 3600}`, token));
    expect(compareSkeleton(sample('availability'), d)).toEqual(CLEAN);
  });

  /** The sample appointment's intake: chosen provider, location, phone, consent, a consultation. */
  async function bookLikeTheSample(t: ReturnType<typeof setup>, token: string, memberId: string) {
    const control = await t.request('/control/room', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ oneTimeLinks: true }) });
    expect(control.status).toBe(200);
    const intakeId = await t.intake(token, {
      type: 2,
      provider_id: OKAFOR,
      location: 'MI',
      phone: '5551234415',
      reason_for_visit: '',
      consent: 'true',
      attachments: '',
      consultation: CONSULTATIONS[0].id,
    });
    return t.post('/appointments', token, { member_id: memberId, slot_start: SLOT, slot_end: SLOT + 900, type: 2, intakeId, provider_id: OKAFOR });
  }

  it('POST /visits (= /appointments)', async () => {
    const t = setup();
    const { token, id } = await t.sso(PROFILE);
    const d = await dataOf(await bookLikeTheSample(t, token, id));
    expect(
      compareSkeleton(sample('appointment-create'), d, {
        // The sample is of a visit already under way (status 30, a call logged, a related walk-in);
        // a new booking has none of that yet. The sandbox has no calls at all (see README).
        mayBeAbsent: ['data.actual_start', 'data.related_walkin_id', 'data.related_walkin', 'data.call_logs'],
      }),
    ).toEqual(CLEAN);
  });

  it('GET /visits/:id of a visit in progress, for a patient with a medical history', async () => {
    const t = setup();
    const maria = await t.sso({ code: SEED_PATIENT.code, first_name: SEED_PATIENT.firstName, last_name: SEED_PATIENT.lastName });
    const booked = await dataOf(await bookLikeTheSample(t, maria.token, maria.id));
    expect((await t.request(`/vc/providers/visits/${booked.id}/start`, { method: 'POST' })).status).toBe(303);
    const d = await dataOf(await t.get(`/visits/${booked.id}`, maria.token));
    expect(d.status).toBe(30);
    expect(compareSkeleton(sample('visit-get'), d, { mayBeAbsent: ['data.related_walkin_id', 'data.related_walkin', 'data.call_logs'] })).toEqual(CLEAN);
    // Seed 000 use case 5: the guest invite link takes `code` from this answer.
    expect(compareSkeleton(sample('guest-invite'), d)).toEqual(CLEAN);
  });

  it('POST /visits/add_walkin (multipart with provider_id, as the sample)', async () => {
    const t = setup();
    const { token } = await t.sso(PROFILE);
    const intakeId = await dataOf(await t.post('/intakes', token, { provider: OKAFOR, reason_for_visit: 'Test intake functionalities 1', type: 1 }, 'form'));
    const d = await dataOf(await t.post('/visits/add_walkin', token, { provider_id: OKAFOR, intake_id: intakeId.id, room_code: 'sandbox' }));
    expect(compareSkeleton(sample('add-walkin'), d)).toEqual(CLEAN);
  });

  it('POST /visits/add_econsult (JSON, as the sample)', async () => {
    const t = setup();
    const { token } = await t.sso(PROFILE);
    const intakeId = await t.intake(token, { reason_for_visit: 'This is to test the API', question_1: 'Answer 1', question_2: 'Answer 2', location: '--' });
    const d = await dataOf(await t.post('/visits/add_econsult', token, { intake_id: intakeId, room_code: 'sandbox' }, 'json'));
    expect(compareSkeleton(sample('add-econsult'), d)).toEqual(CLEAN);
  });

  it('GET /visits', async () => {
    const t = setup();
    const { token } = await t.sso(PROFILE);
    await dataOf(await t.post('/visits', token, { slot_start: SLOT, slot_end: SLOT + 900, type: 2, provider_id: OKAFOR }));
    const d = await dataOf(await t.get('/visits.json', token));
    expect(d).toHaveLength(1);
    expect(compareSkeleton(sample('visits-list'), d)).toEqual(CLEAN);
    // The provider photo is a link, as in the sample, and the sandbox serves it.
    const photo = await t.host.request(d[0].provider.photo);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/svg+xml');
    expect(await photo.text()).toContain('>AO</text>');
    expect((await t.host.request(d[0].provider.photo.replace(/auth_code=\w+/, 'auth_code=0'))).status).toBe(404);
  });

  it('POST /visits/close', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    const d = await dataOf(await t.post('/visits/close', token, { id: w.id, reason: 'patient_exit_room' }));
    expect(compareSkeleton(sample('visit-close'), d)).toEqual(CLEAN);
  });

  it('GET /visits/current', async () => {
    const t = setup();
    const { token } = await t.sso(PROFILE);
    const intake = await dataOf(await t.post('/intakes', token, { provider: OKAFOR, reason_for_visit: 'Test intake functionalities', reset: 'true', type: 1 }, 'form'));
    const w = await dataOf(await t.post('/visits/add_walkin', token, { provider_id: OKAFOR, intake_id: intake.id, room_code: 'sandbox' }));
    expect((await t.request(`/vc/providers/visits/${w.id}/start`, { method: 'POST' })).status).toBe(303);
    const d = await dataOf(await t.get('/visits/current.json', token));
    // The sample shows a finished visit (status "40"); the sandbox's current visit is by
    // definition still in progress, so it has no end or closer yet.
    expect(compareSkeleton(sample('visit-current'), d, { mayBeAbsent: ['data.actual_end', 'data.completed_by'] })).toEqual(CLEAN);
  });

  it('POST /visits/:id?version=2 answers like GET /visits/:id', async () => {
    const t = setup();
    const maria = await t.sso({ code: SEED_PATIENT.code, first_name: SEED_PATIENT.firstName, last_name: SEED_PATIENT.lastName });
    const booked = await dataOf(await bookLikeTheSample(t, maria.token, maria.id));
    const to = SLOT + 3600;
    const d = await dataOf(await t.post(`/visits/${booked.id}?version=2`, maria.token, { slot_start: to, slot_end: to + 900 }));
    expect(d.start).toBe(to);
    expect(
      compareSkeleton(sample('visit-get'), d, {
        // As for a new booking: the sample's visit was under way, this one has not started.
        mayBeAbsent: ['data.actual_start', 'data.related_walkin_id', 'data.related_walkin', 'data.call_logs'],
      }),
    ).toEqual(CLEAN);
  });

  it('GET /visits/:id/exports/visit_summary', async () => {
    const t = setup();
    const { token } = await t.sso();
    const w = await t.walkin(token);
    expect((await t.request(`/control/visits/${w.id}/complete`, { method: 'POST' })).status).toBe(200);
    const d = await dataOf(await t.get(`/visits/${w.id}/exports/visit_summary`, token));
    expect(compareSkeleton(sample('visit-summary-export'), d)).toEqual(CLEAN);
    // Like the sample's, the link is on the portal under /visits/exports/<hex>.
    expect(d.url).toMatch(/^https?:\/\/[^/]+\/sandbox\/vc\/visits\/exports\/[0-9a-f]{32}$/);
  });

  it('GET /rooms, GET /rooms/:code and GET /rooms/:code/providers (public)', async () => {
    const t = setup();
    const headers = { 'X-AccountCode': 'demo' };
    expect(compareSkeleton(sample('rooms-list'), await dataOf(await t.request('/api_v3/rooms', { headers })))).toEqual(CLEAN);
    expect(compareSkeleton(sample('room-create'), await dataOf(await t.request('/api_v3/rooms/sandbox', { headers })))).toEqual(CLEAN);
    expect(compareSkeleton(sample('room-providers'), await dataOf(await t.request('/api_v3/rooms/sandbox/providers', { headers })))).toEqual(CLEAN);
  });

  it('POST /rooms with the admin token (the sample\'s multipart form), then POST /users/:id/rooms', async () => {
    const t = setup();
    const made = await dataOf(await t.post('/rooms', SANDBOX.adminToken, { domain: SANDBOX.domain, slug: 'provider00102', name: 'provider00102 room' }));
    // A room just made has no provider yet; the sample's has one, so its list is checked below.
    expect(compareSkeleton(sample('room-create'), made)).toEqual({ drift: [], unchecked: ['data.provider_ids'] });
    const provider = await t.sso({ type: 400, code: 'fidelity-provider' });
    const assigned = await dataOf(await t.post(`/users/${provider.id}/rooms`, SANDBOX.adminToken, { room_code: made.code }));
    expect(compareSkeleton(sample('room-create'), assigned)).toEqual(CLEAN);
  });
});

describe('the insurance flow answers like seed 003 (and reference §10.3)', () => {
  /** Seed 003 step 3's form, field for field, as multipart like its curl. */
  const SEED_ME = {
    'insurance.primary_carrier_code': 'car7556',
    'insurance.respparty': 'self',
    'insurance.primary_subscriber_num': '234234',
    'insurance.primary_group_number': 'test 3',
    'insurance.secondary_carrier_code': 'car11406',
    'insurance.secondary_group_number': 'asdasd',
    'insurance.secondary_subscriber_num': 'aaaaa',
  };
  const EDWARD = { first_name: 'Edward', last_name: 'VSee', email: 'edward@example.com', dob: '1986-01-01', gender: '1', street_addr: '2868 Tully Street', state: 'Detroit', city: 'MI', zip: '48226' };

  it('GET /insurances', async () => {
    const t = setup();
    const { token } = await t.sso();
    const d = await dataOf(await t.get('/insurances/', token));
    expect(compareSkeleton(sample('insurers'), d)).toEqual(CLEAN);
    // The seed's six come first, as listed.
    expect(d.insurers.slice(0, 6)).toEqual(sample('insurers').insurers);
  });

  it('POST /me with insurance.* (multipart, .json path)', async () => {
    const t = setup();
    const { token } = await t.sso(EDWARD);
    const d = await dataOf(await t.post('/me.json', token, SEED_ME));
    expect(compareSkeleton(sample('me-insurance'), d)).toEqual(CLEAN);
    // As in the sample: the answer has no token, and the primary card no group number.
    expect(d.token).toBeUndefined();
    expect(d.insurance).toEqual(sample('me-insurance').insurance);
  });

  it('POST /users/:id/:carrier_code/eligibility, then its webhook and the cards', async () => {
    const bodies: unknown[] = [];
    const clock = { ms: T0 };
    const sandbox = createSandbox({
      now: () => clock.ms,
      webhook: { url: 'http://frontdesk.test/webhooks/vsee/x', fetch: async (req) => (bodies.push(await req.json()), new Response(null, { status: 200 })) },
    });
    const host = new Hono().route('/sandbox', sandbox.app);
    const t = { ...setup(), request: (path: string, init?: RequestInit) => host.request(`/sandbox${path}`, init) };
    const sso = await t.request('/api_v3/users/sso', { method: 'POST', headers: { 'content-type': 'application/json', ...SSO_HEADERS }, body: JSON.stringify({ ...EDWARD, code: 'edward', type: 200 }) });
    const { id, token } = ((await sso.json()) as Raw).data as { id: string; token: { token: string } };
    const auth = { 'X-ApiToken': token.token, 'X-AccountCode': 'demo' };
    const me = encode(SEED_ME, 'multipart');
    expect((await t.request('/api_v3/me', { method: 'POST', headers: { ...me.headers, ...auth }, body: me.body })).status).toBe(200);
    const d = await dataOf(await t.request(`/api_v3/users/${id}/car7556/eligibility`, { method: 'POST', headers: auth }));
    expect(compareSkeleton(sample('eligibility-trigger'), d)).toEqual(CLEAN);
    expect(d.carrier_code).toBe('car7556');

    await sandbox.tick();
    expect(bodies).toEqual([]); // not before its 10 seconds
    clock.ms += 10_000;
    await sandbox.tick();
    expect(bodies).toHaveLength(1);
    expect(compareSkeleton(fullSample('webhook-eligibility-checked'), bodies[0], { root: '$' })).toEqual(CLEAN);
    expect(bodies[0]).toMatchObject({ type: 'eligibility.checked', data: { eligibility_id: d.eligibility_id, member_id: id } });

    const cards = await t.request(`/api_v3/users/${id}/insurances`, { headers: auth });
    const body = (await cards.json()) as Raw;
    expect(body.version).toBe('2.0');
    expect(compareSkeleton(sample('user-insurances'), body.data)).toEqual(CLEAN);
    expect(body.data[0]).toMatchObject({ card_type: 'primary', insurer_code: 'car7556', subscriber_number: '234234', group_number: 'test 3', eligibility: { status: 'active' } });
    expect(body.data[1]).toMatchObject({ card_type: 'secondary', subscriber_num: 'aaaaa', group_number: 'asdasd' });
    expect(body.data[1].eligibility).toBeUndefined(); // never checked
  });
});
