import { describe, expect, it } from 'vitest';
import { apiError, availability, handoff, returnLink, returnVisit, visit } from '../../../src/api/contract';
import { createReturnSealer } from '../../../server/proxy/return-link';
import { browser, guestWithIntake, makeServer, newKey, type Browser } from '../../support/server';

const DAY = 86_400_000;
const MIN = 60_000;

async function book(b: Browser, pick = 2) {
  const intakeId = await guestWithIntake(b, 'appointment');
  const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString(), intakeId });
  const s = availability.parse(await (await b.get(`/api/availability?${q}`)).json()).slots[pick]!;
  const res = await b.post('/api/appointments', { intakeId, start: s.start, end: s.end }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  return visit.parse(await res.json());
}

async function linkFor(b: Browser, id: string) {
  const res = await b.post(`/api/visits/${id}/return-link`);
  expect(res.status).toBe(200);
  const { url } = returnLink.parse(await res.json());
  return { url, token: new URL(url).pathname.replace(/^\/v\//, '') };
}

describe('return link', () => {
  it('opens that one visit in a browser with no session, and says when joining opens', async () => {
    const server = makeServer();
    const patient = browser(server);
    const booked = await book(patient);
    const { url, token } = await linkFor(patient, booked.id);
    expect(url.startsWith(`${server.config.publicUrl}/v/`)).toBe(true);
    // Sealed: neither the visit id's patient code nor the name can be read from it.
    expect(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).not.toMatch(/Ada|fd-/);

    const stranger = browser(server);
    const res = await stranger.post('/api/return/visit', { token });
    expect(res.status).toBe(200);
    const shown = returnVisit.parse(await res.json());
    expect(shown.visit).toMatchObject({ id: booked.id, kind: 'appointment', status: 'confirmed', start: booked.start });
    expect(Date.parse(shown.joinOpensAt)).toBe(Date.parse(booked.start) - 15 * MIN);
    // It opens nothing else: the stranger is still nobody.
    expect((await stranger.get('/api/visits')).status).toBe(401);
    expect(await (await stranger.get('/api/session')).json()).toEqual({ signedIn: false });
  });

  it('joins only from 15 minutes before the start', async () => {
    const server = makeServer();
    const patient = browser(server);
    const booked = await book(patient);
    const { token } = await linkFor(patient, booked.id);
    const stranger = browser(server);

    server.clock.now = Date.parse(booked.start) - 16 * MIN;
    const early = await stranger.post('/api/return/handoff', { token });
    expect(early.status).toBe(409);
    expect(apiError.parse(await early.json()).error.message).toMatch(/15 minutes before/);

    server.clock.now = Date.parse(booked.start) - 14 * MIN;
    const open = await stranger.post('/api/return/handoff', { token });
    expect(open.status).toBe(200);
    const { url } = handoff.parse(await open.json());
    expect(url).toMatch(new RegExp(`/sandbox/vc/auth\\?sso_token=[A-Za-z0-9_-]+&next=/visits/start/${booked.id}$`));
  });

  it('stops working when the visit is cancelled, and refuses a tampered or foreign token', async () => {
    const server = makeServer();
    const patient = browser(server);
    const booked = await book(patient);
    const { token } = await linkFor(patient, booked.id);
    const other = makeServer();
    expect((await browser(other).post('/api/return/visit', { token })).status).toBe(404);
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await browser(server).post('/api/return/visit', { token: tampered })).status).toBe(404);

    expect((await patient.post(`/api/visits/${booked.id}/cancel`, { reason: 'patient_cancel_appointment' })).status).toBe(200);
    const after = await browser(server).post('/api/return/visit', { token });
    expect(after.status).toBe(404);
    expect(apiError.parse(await after.json()).error.message).toMatch(/expired/);
  });

  it('expires on its own after the visit’s end', async () => {
    const server = makeServer();
    const patient = browser(server);
    const booked = await book(patient);
    const { token } = await linkFor(patient, booked.id);
    server.clock.now = Date.parse(booked.end) + 3 * 60 * MIN;
    expect((await browser(server).post('/api/return/visit', { token })).status).toBe(404);
  });

  it('is made only for the patient’s own upcoming appointment', async () => {
    const server = makeServer();
    const owner = browser(server);
    const booked = await book(owner);
    const other = browser(server);
    await guestWithIntake(other);
    expect((await other.post(`/api/visits/${booked.id}/return-link`)).status).toBe(404);
    expect((await browser(server).post(`/api/visits/${booked.id}/return-link`)).status).toBe(401);
  });
});

describe('open times before sign-in', () => {
  it('answers without a session, with the clinic’s free times and no provider ids', async () => {
    const server = makeServer();
    const b = browser(server);
    const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString() });
    const res = await b.get(`/api/clinic/availability?${q}`);
    expect(res.status).toBe(200);
    const { slots } = availability.parse(await res.json());
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.providerIds.length === 0 && Date.parse(s.start) >= Date.now() - MIN)).toBe(true);
    // The same times a signed-in patient's intake search finds (the sandbox's intake adds no limits here).
    const intakeId = await guestWithIntake(b);
    const mine = availability.parse(await (await b.get(`/api/availability?${q}&intakeId=${intakeId}`)).json()).slots;
    expect(slots.map((s) => s.start)).toEqual(mine.map((s) => s.start));
  });

  it('refuses a window over 31 days', async () => {
    const b = browser(makeServer());
    const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 40 * DAY).toISOString() });
    expect((await b.get(`/api/clinic/availability?${q}`)).status).toBe(400);
  });
});

describe('return link keys', () => {
  const claims = { uc: 'user-code', mid: '4001', fn: 'Maya', ln: 'Lopez', vid: '4821' };
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;

  it('still opens after SESSION_SECRETS rotates (sealed with the newest, opened with any)', async () => {
    const before = createReturnSealer(['old-secret-old-secret-old-secret-00'], Date.now);
    const token = await before.seal(claims, inAnHour);
    const after = createReturnSealer(['new-secret-new-secret-new-secret-00', 'old-secret-old-secret-old-secret-00'], Date.now);
    expect(await after.open(token)).toEqual(claims);
    // Once the old secret is dropped, the link is nobody's.
    expect(await createReturnSealer(['new-secret-new-secret-new-secret-00'], Date.now).open(token)).toBeNull();
  });
});
