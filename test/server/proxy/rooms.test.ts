/**
 * Patients in a provider's own room (provider use case 2): `/api/clinic?room=…`, intakes made for
 * that room, availability and visits there — and a visit booked in one provider's room never on
 * another provider's dashboard.
 */
import { describe, expect, it } from 'vitest';
import { availability, clinic, visit } from '../../../src/api/contract';
import { provisionResult } from '../../../server/proxy/admin-contract';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { browser, makeServer, newKey, PATIENT, type TestServer } from '../../support/server';

const TOKEN = 'admin-api-token-for-tests-0123456789abcdef';
const DAY = 86_400_000;

async function provision(server: TestServer, code: string, slug: string, lastName: string) {
  const res = await server.app.request('/api/admin/providers', {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, firstName: 'Dr', lastName, room: { name: `Dr. ${lastName}`, slug } }),
  });
  expect(res.status).toBe(201);
  return provisionResult.parse(await res.json());
}

/** The provider's own dashboard, reached the way VSee's provider use case 1 does: SSO, then the portal. */
async function dashboardOf(server: TestServer, code: string) {
  const sso = await server.sandbox.app.request('/api_v3/users/sso', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-ApiKey': SANDBOX.apiKey, 'X-ApiSecret': SANDBOX.apiSecret },
    body: JSON.stringify({ code, first_name: 'Dr', last_name: 'X', type: 400 }),
  });
  const token = ((await sso.json()) as { data: { token: { token: string } } }).data.token.token;
  const signIn = await server.sandbox.app.request(`/vc/auth?sso_token=${token}&next=/providers/dashboard`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (await server.sandbox.app.request('/vc/providers/dashboard', { headers: { cookie } })).text();
}

async function walkinIn(server: TestServer, room?: string) {
  const b = browser(server);
  expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
  const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA', ...(room ? { room } : {}) });
  expect(i.status).toBe(201);
  const { id } = (await i.json()) as { id: string };
  const w = await b.post('/api/walkins', { intakeId: id }, { 'Idempotency-Key': newKey() });
  expect(w.status).toBe(201);
  return visit.parse(await w.json());
}

describe('a provider\'s room for patients', () => {
  it('answers GET /api/clinic?room= with that room\'s settings; unknown → 404, malformed → 400', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const ruiz = await provision(server, 'hs-ruiz', 'dr-ruiz', 'Ruiz');
    const b = browser(server);
    const own = clinic.parse(await (await b.get(`/api/clinic?room=${ruiz.roomCode}`)).json());
    // A new VSee room takes walk-ins and, like VSee's sample room, no appointments.
    expect(own).toMatchObject({ name: 'Dr. Ruiz', walkinEnabled: true, appointmentEnabled: false, isOpen: true });
    expect(clinic.parse(await (await b.get('/api/clinic')).json()).name).toBe('Sandbox Clinic');
    expect((await b.get('/api/clinic?room=nope1')).status).toBe(404);
    expect((await b.get('/api/clinic?room=not%20a%20code')).status).toBe(400);
  });

  it('books a walk-in in the provider\'s room; it shows on that provider\'s dashboard only', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const ruiz = await provision(server, 'hs-ruiz', 'dr-ruiz', 'Ruiz');
    await provision(server, 'hs-lee', 'dr-lee', 'Lee');
    const inRuiz = await walkinIn(server, ruiz.roomCode);
    const inClinic = await walkinIn(server);
    expect(server.sandbox.store.visits.get(inRuiz.id)?.roomCode).toBe(ruiz.roomCode);
    expect(server.sandbox.store.visits.get(inClinic.id)?.roomCode).toBe(SANDBOX.roomCode);
    expect(server.sandbox.store.intakes.get(server.sandbox.store.visits.get(inRuiz.id)!.intakeId!)?.fields.room_code).toBe(ruiz.roomCode);

    const ruizBoard = await dashboardOf(server, 'hs-ruiz');
    expect(ruizBoard).toContain(`(visit ${inRuiz.id})`);
    expect(ruizBoard).not.toContain(`(visit ${inClinic.id})`);
    const leeBoard = await dashboardOf(server, 'hs-lee');
    expect(leeBoard).not.toContain(`(visit ${inRuiz.id})`);
    expect(leeBoard).not.toContain(`(visit ${inClinic.id})`);
    expect(leeBoard).toContain('No walk-ins are waiting.');
  });

  it('searches and books appointments in the room, with its own provider', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const ruiz = await provision(server, 'hs-ruiz', 'dr-ruiz', 'Ruiz');
    server.sandbox.store.rooms.get(ruiz.roomCode)!.appointmentEnabled = true; // the clinic turns them on in VSee
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    const { id: intakeId } = (await (await b.post('/api/intakes', { kind: 'appointment', reason: 'Check-up', state: 'CA', room: ruiz.roomCode })).json()) as { id: string };
    const from = new Date(server.clock.now).toISOString();
    const to = new Date(server.clock.now + 14 * DAY).toISOString();
    const { slots } = availability.parse(await (await b.get(`/api/availability?from=${from}&to=${to}&intakeId=${intakeId}`)).json());
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.flatMap((s) => s.providerIds))).toEqual(new Set([ruiz.providerId]));
    const booked = await b.post('/api/appointments', { intakeId, start: slots[0]!.start, end: slots[0]!.end }, { 'Idempotency-Key': newKey() });
    expect(booked.status).toBe(201);
    const v = server.sandbox.store.visits.get(visit.parse(await booked.json()).id)!;
    expect(v).toMatchObject({ roomCode: ruiz.roomCode, providerId: ruiz.providerId });
  });

  it('makes no intake for an unknown room', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const b = browser(server);
    await b.post('/api/session/guest', PATIENT);
    const intakes = server.sandbox.store.intakes.size;
    const res = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA', room: 'nope1' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('We could not find this waiting room.');
    expect(server.sandbox.store.intakes.size).toBe(intakes);
  });

  it('tells a patient that a closed room is closed, with its message', async () => {
    const server = makeServer({ ADMIN_API_TOKEN: TOKEN });
    const ruiz = await provision(server, 'hs-ruiz', 'dr-ruiz', 'Ruiz');
    Object.assign(server.sandbox.store.rooms.get(ruiz.roomCode)!, { isClosed: true, closeMsg: 'Dr. Ruiz is away this week.' });
    const own = clinic.parse(await (await browser(server).get(`/api/clinic?room=${ruiz.roomCode}`)).json());
    expect(own).toMatchObject({ isOpen: false, closedMessage: 'Dr. Ruiz is away this week.' });
  });
});
