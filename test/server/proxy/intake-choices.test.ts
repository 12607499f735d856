/**
 * Issue #16 on the server: visit types (VSee consultations), provider choice, the clinic's own
 * questions as `custom_<id>` intake fields, modality from the visit subtype, and the hand-off to
 * VSee's scheduling page (step 3b) — each mapping checked against what the sandbox received.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availability, clinic, handoff, visit, type IntakeRequest } from '../../../src/api/contract';
import { ConfigError, loadConfig } from '../../../server/config';
import { CONSULTATIONS } from '../../../server/vsee-sandbox/seed';
import { browser, makeServer, newKey, PATIENT, DAY, type Browser } from '../../support/server';

const DEMO_QUESTIONS = join(import.meta.dirname, '../../../server/vsee-sandbox/intake-questions.json');
const [FIFTEEN, THIRTY, PHONE] = CONSULTATIONS;
const OKAFOR = '10001';
const HERRERA = '10002';
const CHEN = '10003';

async function signIn(b: Browser) {
  expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
}

async function intake(b: Browser, extra: Partial<IntakeRequest> = {}) {
  const res = await b.post('/api/intakes', { kind: 'appointment', reason: 'Rash on both arms', state: 'CA', phone: '510-555-0199', ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function times(b: Browser, q: Record<string, string>) {
  const params = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString(), ...q });
  const res = await b.get(`/api/availability?${params}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('the clinic answer', () => {
  it('lists the room’s visit types and providers; no questions and frontdesk scheduling by default', async () => {
    const c = clinic.parse(await (await browser(makeServer()).get('/api/clinic')).json());
    expect(c.visitTypes).toEqual([
      { id: FIFTEEN.id, description: '15-min Consultation', minutes: 15, price: { amount: 49, currency: 'USD' }, modality: 'video' },
      { id: THIRTY.id, description: '30-min Consultation', minutes: 30, price: { amount: 89, currency: 'USD' }, modality: 'video' },
      { id: PHONE.id, description: 'Phone call (15 min)', minutes: 15, price: null, modality: 'phone' },
    ]);
    expect(c.providers.map((p) => [p.id, p.name, p.photoUrl === null])).toEqual([
      [OKAFOR, 'Dr. Amara Okafor', false],
      [HERRERA, 'Dr. Luis Herrera', true],
      [CHEN, 'Dr. Mei Chen', false],
    ]);
    expect(c.providers[0]!.photoUrl).toMatch(/^http:\/\/localhost:8080\/sandbox\/api_v3\/files\/index\/app_user\/photo\/10001\/\?auth_code=[0-9a-f]{40}$/);
    expect([c.questions, c.scheduling, c.address]).toEqual([[], 'frontdesk', null]);
  });

  it('serves INTAKE_QUESTIONS, SCHEDULING and CLINIC_ADDRESS', async () => {
    const server = makeServer({ INTAKE_QUESTIONS: DEMO_QUESTIONS, SCHEDULING: 'vsee', CLINIC_ADDRESS: '1200 Harbor Way, Oakland, CA 94607' });
    const c = clinic.parse(await (await browser(server).get('/api/clinic')).json());
    expect(c.questions.map((q) => q.id)).toEqual([
      'is_allergic',
      'allergies',
      'medications',
      'symptoms',
      'symptoms_since',
      'pregnant',
      'due_date',
      'interpreter',
      'preferred_language',
    ]);
    expect(c.questions[1]).toMatchObject({ kind: 'text', required: true, showWhen: { question: 'is_allergic', equals: true }, label: { es: '¿A qué es alérgico?' } });
    expect([c.scheduling, c.address]).toEqual(['vsee', '1200 Harbor Way, Oakland, CA 94607']);
  });
});

describe('INTAKE_QUESTIONS at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-questions-'));
  const file = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const q = (over: object) => ({ id: 'q', kind: 'text', label: { en: 'Q', es: 'P' }, ...over });

  it.each([
    ['a missing file', join(dir, 'nope.json'), /^INTAKE_QUESTIONS: .*nope\.json: no such file$/],
    ['not JSON', file('bad.json', '[{'), /^INTAKE_QUESTIONS: .*bad\.json: not JSON/],
    ['no Spanish wording', file('es.json', JSON.stringify([{ id: 'q', kind: 'text', label: { en: 'Q' } }])), /question 1 \(label\.es\)/],
    ['an unknown kind', file('kind.json', JSON.stringify([q({ kind: 'slider' })])), /question 1 \(kind\)/],
    ['an id twice', file('twice.json', JSON.stringify([q({}), q({})])), /question 2 \(id\): "q" is used twice/],
    ['a condition on a later question', file('later.json', JSON.stringify([q({ id: 'a', showWhen: { question: 'b', equals: true } }), q({ id: 'b', kind: 'yes_no' })])), /question 1 \(showWhen\.question\): "b" is not a question before this one/],
    ['a condition value the question cannot have', file('value.json', JSON.stringify([q({ id: 'a', kind: 'yes_no' }), q({ id: 'b', showWhen: { question: 'a', equals: 'maybe' } })])), /question 2 \(showWhen\.equals\)/],
    ['a choice without options', file('opts.json', JSON.stringify([q({ kind: 'choice', options: [] })])), /question 1 \(options\)/],
  ])('refuses %s with one line naming it', (_, path, message) => {
    let err: unknown;
    try {
      loadConfig({ INTAKE_QUESTIONS: path });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('accepts the demo set that ships with the sandbox', () => {
    expect(loadConfig({ INTAKE_QUESTIONS: DEMO_QUESTIONS }).intakeQuestions).toHaveLength(9);
  });
});

describe('visit type and provider', () => {
  it('availability sends consultation_id and provider_id: 30-minute slots, only Dr. Chen’s', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b);
    const plain = availability.parse((await times(b, { intakeId: id })).body).slots;
    expect(plain.every((s) => Date.parse(s.end) - Date.parse(s.start) === 15 * 60_000)).toBe(true);
    const chosen = availability.parse((await times(b, { intakeId: id, visitTypeId: THIRTY.id, providerId: CHEN })).body).slots;
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.every((s) => Date.parse(s.end) - Date.parse(s.start) === 30 * 60_000 && s.providerIds.join() === CHEN)).toBe(true);
    // Dr. Chen works Tuesdays and Thursdays only: every one of her slots is on one.
    expect(chosen.every((s) => ['Tue', 'Thu'].includes(new Date(s.start).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'America/Los_Angeles' })))).toBe(true);
  });

  it('refuses a visit type or provider that is not the room’s, and a user code in its place', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b);
    const refused: Array<Record<string, string>> = [{ visitTypeId: 'not-a-type' }, { providerId: '99999' }, { providerId: 'sandbox-provider-okafor' }, { providerId: server.sandbox.store.users.get(OKAFOR)!.code }];
    for (const q of refused) {
      const r = await times(b, { intakeId: id, ...q });
      expect(r.status).toBe(400);
    }
    const bad = await b.post('/api/intakes', { kind: 'appointment', reason: 'x', state: 'CA', providerId: '99999' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toEqual({ providerId: 'invalid' });
  });

  it('the intake carries the consultation and provider; availability and the booking follow them', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b, { visitTypeId: THIRTY.id, providerId: CHEN });
    const stored = server.sandbox.store.intakes.get(id)!;
    expect(stored.consultation?.id).toBe(THIRTY.id);
    expect(stored.fields.provider_id).toBe(CHEN);
    const slots = availability.parse((await times(b, { intakeId: id })).body).slots;
    expect(slots.every((s) => Date.parse(s.end) - Date.parse(s.start) === 30 * 60_000 && s.providerIds.join() === CHEN)).toBe(true);
    const slot = slots[1]!;
    const res = await b.post('/api/appointments', { intakeId: id, start: slot.start, end: slot.end }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const v = visit.parse(await res.json());
    expect([v.start, v.end, v.provider?.name, v.modality]).toEqual([slot.start, slot.end, 'Dr. Mei Chen', 'video']);
    const booked = server.sandbox.store.visits.get(v.id)!;
    expect([booked.providerId, booked.end - booked.start]).toEqual([CHEN, 1800]);
  });

  it('a provider chosen beside the times (after the intake) goes with the booking; one not in the room is refused', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b);
    const slot = availability.parse((await times(b, { intakeId: id, providerId: CHEN })).body).slots[0]!;
    expect(slot.providerIds).toEqual([CHEN]);
    const refused = await b.post('/api/appointments', { intakeId: id, start: slot.start, end: slot.end, providerId: 'sandbox-provider-chen' }, { 'Idempotency-Key': newKey() });
    expect(refused.status).toBe(400);
    const res = await b.post('/api/appointments', { intakeId: id, start: slot.start, end: slot.end, providerId: CHEN }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const v = visit.parse(await res.json());
    expect([v.provider?.name, server.sandbox.store.visits.get(v.id)!.providerId]).toEqual(['Dr. Mei Chen', CHEN]);
  });

  it('a phone-type visit is phone in the patient API, with the number the clinic will call; never video', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b, { visitTypeId: PHONE.id });
    const slot = availability.parse((await times(b, { intakeId: id })).body).slots[0]!;
    const v = visit.parse(await (await b.post('/api/appointments', { intakeId: id, ...slot }, { 'Idempotency-Key': newKey() })).json());
    expect([v.modality, v.callNumber]).toEqual(['phone', '510-555-0199']);
    const again = visit.parse(await (await b.get(`/api/visits/${v.id}`)).json());
    expect([again.modality, again.callNumber]).toEqual(['phone', '510-555-0199']);
    const listed = (await (await b.get('/api/visits')).json()) as { upcoming: Array<{ id: string; modality: string }> };
    expect(listed.upcoming.find((x) => x.id === v.id)?.modality).toBe('phone');
  });

  it('maps each subtype VSee holds on a visit to its modality, for all four', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b);
    const slot = availability.parse((await times(b, { intakeId: id })).body).slots[0]!;
    const v = visit.parse(await (await b.post('/api/appointments', { intakeId: id, ...slot }, { 'Idempotency-Key': newKey() })).json());
    const seen: string[] = [];
    for (const subtype of [1, 2, 3]) {
      server.sandbox.store.visits.get(v.id)!.subtype = subtype;
      seen.push(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).modality);
    }
    const econsultIntake = await intake(b, { kind: 'econsult' });
    const e = visit.parse(await (await b.post('/api/econsults', { intakeId: econsultIntake }, { 'Idempotency-Key': newKey() })).json());
    seen.push(e.modality);
    expect(seen).toEqual(['in_person', 'phone', 'video', 'econsult']);
  });
});

describe('the clinic’s questions', () => {
  const answers = {
    is_allergic: true,
    allergies: '  Penicillin  ',
    symptoms: ['rash', 'red_eyes'],
    symptoms_since: '2026-01-02', // hidden: fever not chosen
    pregnant: 'no',
    due_date: '2026-05-01', // hidden: not pregnant
    interpreter: false,
  };

  it('sends shown answers as custom_<id> exactly, in the clinic’s English; hidden ones not at all', async () => {
    const server = makeServer({ INTAKE_QUESTIONS: DEMO_QUESTIONS });
    const b = browser(server);
    await signIn(b);
    const id = await intake(b, { answers });
    const custom = Object.fromEntries(Object.entries(server.sandbox.store.intakes.get(id)!.fields).filter(([k]) => k.startsWith('custom_')));
    expect(custom).toEqual({
      custom_is_allergic: 'Yes',
      custom_allergies: 'Penicillin',
      custom_symptoms: 'Rash, Red eyes',
      custom_pregnant: 'No',
      custom_interpreter: 'No',
    });
  });

  it('refuses missing required answers and answers a question cannot have, naming each field', async () => {
    const server = makeServer({ INTAKE_QUESTIONS: DEMO_QUESTIONS });
    const b = browser(server);
    await signIn(b);
    const before = server.sandbox.store.intakes.size;
    const res = await b.post('/api/intakes', {
      kind: 'appointment',
      reason: 'x',
      state: 'CA',
      answers: { is_allergic: true, symptoms: ['sneezing'], pregnant: 'yes', due_date: '2026-02-30', interpreter: true },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toEqual({
      'answers.allergies': 'required',
      'answers.symptoms': 'invalid',
      'answers.due_date': 'date_format',
      'answers.preferred_language': 'required',
    });
    expect(server.sandbox.store.intakes.size).toBe(before); // nothing half-made at VSee
    const none = await b.post('/api/intakes', { kind: 'appointment', reason: 'x', state: 'CA' });
    expect(((await none.json()) as { error: { fields: object } }).error.fields).toEqual({ 'answers.is_allergic': 'required' });
  });

  it('never logs an answer', async () => {
    const server = makeServer({ INTAKE_QUESTIONS: DEMO_QUESTIONS }, { logLevel: 'trace' });
    const b = browser(server);
    await signIn(b);
    await intake(b, { answers: { is_allergic: true, allergies: 'Canary-allergy-to-marmalade', interpreter: true, preferred_language: 'Canary-Klingon' } });
    await b.post('/api/intakes', { kind: 'appointment', reason: 'x', state: 'CA', answers: { is_allergic: 'Canary-bad-type' } });
    expect(server.logs.length).toBeGreaterThan(0);
    expect(server.logs.join('\n')).not.toMatch(/Canary-/);
  });
});

describe('step 3b: VSee’s scheduling page with the intake', () => {
  it('hands off to /u/clinic?intake_id=…&action=appointment#schedule-appointment, only for this session’s appointment intake', async () => {
    const server = makeServer();
    const b = browser(server);
    await signIn(b);
    const id = await intake(b);
    const h = handoff.parse(await (await b.post('/api/handoff', { target: 'schedule', intakeId: id })).json());
    const url = new URL(h.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:8080/sandbox/vc/auth');
    expect(url.searchParams.get('next')).toBe(`/u/clinic?intake_id=${id}&action=appointment#schedule-appointment`);

    // The portal signs in and lands on the scheduling page, with the intake.
    const landed = await server.app.request(`${url.pathname}${url.search}`);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe(`/sandbox/vc/u/clinic?intake_id=${id}&action=appointment#schedule-appointment`);
    const cookie = landed.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await (await server.app.request(`/sandbox/vc/u/clinic?intake_id=${id}&action=appointment`, { headers: { cookie } })).text();
    expect(page).toContain('id="schedule-appointment"');
    expect(page).toContain('Visit type: 15-min Consultation');
    expect(page.match(/<li>[^<]+ with Dr\. /g)?.length).toBe(5);

    expect((await b.post('/api/handoff', { target: 'schedule' })).status).toBe(400);
    expect((await b.post('/api/handoff', { target: 'schedule', intakeId: 'someone-elses' })).status).toBe(404);
    const walkin = await intake(b, { kind: 'walkin' });
    expect((await b.post('/api/handoff', { target: 'schedule', intakeId: walkin })).status).toBe(400);
  });
});
