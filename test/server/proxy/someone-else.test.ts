/**
 * VSee: a visit for someone else (issue #13, decision 067). The guardian names the person with the
 * intake; the proxy signs that person in at VSee under a code it derives itself and books through
 * the intake's "on behalf of" member_id — asserted against what the VSee sandbox recorded.
 */
import { describe, expect, it } from 'vitest';
import { visit, visitList } from '../../../src/api/contract';
import pino from 'pino';
import { loadConfig } from '../../../server/config';
import { createReadCache } from '../../../server/proxy/read-cache';
import { createMemoryStore } from '../../../server/proxy/stores/memory';
import { createVseeBackend } from '../../../server/vsee/backend';
import { createVseeClient } from '../../../server/vsee/client';
import { dependentCode } from '../../../server/vsee/dependents';
import { browser, complete, makeServer, newKey, PATIENT, sandboxVisit, slotsFor } from '../../support/server';

const SOFIA = { firstName: 'Sofia', lastName: 'Lopez', dob: '2018-04-02', relationship: 'child' } as const;
const SECRET = 'a-dependent-code-secret-of-32-characters-or-more';

async function intakeFor(b: ReturnType<typeof browser>, kind: 'walkin' | 'appointment', forSomeone?: object) {
  const res = await b.post('/api/intakes', { kind, reason: 'Ear ache since last night', state: 'CA', ...(forSomeone ? { forSomeone } : {}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('a visit for someone else on VSee', () => {
  it('books a walk-in on the child’s behalf; the guardian’s visits list names her', async () => {
    const server = makeServer({ DEPENDENT_CODE_SECRET: SECRET });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const intakeId = await intakeFor(b, 'walkin', SOFIA);
    const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const v = visit.parse(await res.json());
    expect(v.patientName).toBe('Sofia Lopez');

    // What VSee holds: the visit is the child's, booked by the guardian; the child is a VSee
    // patient under a code derived from the guardian's own, never from the browser.
    const held = sandboxVisit(server, v.id)!;
    const child = server.sandbox.store.users.get(held.memberId)!;
    const guardian = server.sandbox.store.users.get(held.creatorId!)!;
    expect([child.firstName, child.lastName, child.dob]).toEqual(['Sofia', 'Lopez', '2018-04-02']);
    expect(guardian.firstName).toBe(PATIENT.firstName);
    expect(child.code).toBe(dependentCode(SECRET, guardian.code, SOFIA));
    const intake = server.sandbox.store.intakes.get(held.intakeId!)!;
    expect(intake).toMatchObject({ memberId: child.id, creatorId: guardian.id });
    expect(intake.fields).toMatchObject({ member_id: child.id, custom_relationship: 'child' });

    const list = visitList.parse(await (await b.get('/api/visits')).json());
    const shown = [...list.upcoming, ...list.past].find((x) => x.id === v.id);
    expect(shown?.patientName).toBe('Sofia Lopez');
    // The guardian can read, hand off to and leave the child's visit.
    expect(visit.parse(await (await b.get(`/api/visits/${v.id}`)).json()).patientName).toBe('Sofia Lopez');
    const handoff = await b.post('/api/handoff', { target: 'visit', visitId: v.id });
    expect(handoff.status).toBe(200);
    const cancel = await b.post(`/api/visits/${v.id}/cancel`, { reason: 'patient_exit_room' });
    expect(cancel.status).toBe(200);
  });

  it('reaches the same VSee patient when the same guardian books for the same child again', async () => {
    const server = makeServer({ DEPENDENT_CODE_SECRET: SECRET });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const first = visit.parse(await (await b.post('/api/walkins', { intakeId: await intakeFor(b, 'walkin', SOFIA) }, { 'Idempotency-Key': newKey() })).json());
    // Spelled differently, the same child.
    const again = await intakeFor(b, 'appointment', { ...SOFIA, firstName: '  sofia ', lastName: 'LOPEZ' });
    const s = (await slotsFor(b, again))[1]!;
    const res = await b.post('/api/appointments', { intakeId: again, start: s.start, end: s.end }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(201);
    const second = visit.parse(await res.json());
    expect(sandboxVisit(server, second.id)!.memberId).toBe(sandboxVisit(server, first.id)!.memberId);
  });

  it('moves the child’s appointment and downloads its summary, still as the child’s; a stranger can do neither', async () => {
    const server = makeServer({ DEPENDENT_CODE_SECRET: SECRET });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const intakeId = await intakeFor(b, 'appointment', SOFIA);
    const s = (await slotsFor(b, intakeId))[1]!;
    const booked = visit.parse(await (await b.post('/api/appointments', { intakeId, start: s.start, end: s.end }, { 'Idempotency-Key': newKey() })).json());
    const childId = sandboxVisit(server, booked.id)!.memberId;

    const stranger = browser(server);
    expect((await stranger.post('/api/session/guest', { ...PATIENT, firstName: 'Omar', email: 'omar@example.com' })).status).toBe(201);
    expect((await stranger.post(`/api/visits/${booked.id}/reschedule`, { start: s.start, end: s.end }, { 'Idempotency-Key': newKey() })).status).toBe(404);

    // The times offered for the move are the child's visit's (its type and room), and the move keeps her its patient.
    const target = (await slotsFor(b, { visitId: booked.id })).find((x) => x.start !== booked.start)!;
    const res = await b.post(`/api/visits/${booked.id}/reschedule`, { start: target.start, end: target.end }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(200);
    const moved = visit.parse(await res.json());
    expect(moved).toMatchObject({ id: booked.id, start: target.start, patientName: 'Sofia Lopez' });
    expect(sandboxVisit(server, booked.id)!.memberId).toBe(childId);

    await complete(server, booked.id);
    expect(visit.parse(await (await b.get(`/api/visits/${booked.id}`)).json())).toMatchObject({ status: 'completed', hasSummary: true, patientName: 'Sofia Lopez' });
    const pdf = await b.get(`/api/visits/${booked.id}/summary`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await stranger.get(`/api/visits/${booked.id}/summary`)).status).toBe(404);
  });

  it('books for oneself as before, and never takes a person id from the browser', async () => {
    const server = makeServer({ DEPENDENT_CODE_SECRET: SECRET });
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const own = visit.parse(await (await b.post('/api/walkins', { intakeId: await intakeFor(b, 'walkin') }, { 'Idempotency-Key': newKey() })).json());
    expect(own.patientName).toBeUndefined();
    // A linked-dependent ref (DexCare's way) is not how VSee is told.
    const res = await b.post('/api/walkins', { intakeId: await intakeFor(b, 'walkin'), forWhom: { who: 'other', dependentId: 'dependent-1' } }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(400);
    // A member_id smuggled into the intake is not a field of the patient API: dropped, the intake is the patient's own.
    const smuggled = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA', member_id: '10001' });
    expect(smuggled.status).toBe(201);
    const id = ((await smuggled.json()) as { id: string }).id;
    expect(server.sandbox.store.intakes.get(id)!.memberId).toBe(sandboxVisit(server, own.id)!.memberId);
  });

  it('is not offered against a real VSee without DEPENDENT_CODE_SECRET', () => {
    const real = {
      VSEE_API_BASE: 'https://api.vsee.me/api_v3',
      VSEE_ACCOUNT_CODE: 'vclinic',
      VSEE_API_KEY: 'k',
      VSEE_API_SECRET: 's',
      VSEE_PORTAL_URL: 'https://vclinic.vseepreview.com/vc/next',
      VSEE_ROOM_CODE: 'room1',
      SESSION_SECRET: 'x'.repeat(32),
    };
    const capabilitiesWith = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return createVseeBackend({ config, vsee: createVseeClient({ ...config.vsee, fetch: () => Promise.reject(new Error('no calls')) }), kv: createMemoryStore(), log: pino({ level: 'silent' }), now: Date.now, reads: createReadCache(0, Date.now) }).capabilities;
    };
    expect(capabilitiesWith(real)).toMatchObject({ forSomeoneElse: false, someoneElseDetails: false });
    expect(capabilitiesWith({ ...real, DEPENDENT_CODE_SECRET: SECRET })).toMatchObject({ forSomeoneElse: true, someoneElseDetails: true });
    expect(() => loadConfig({ ...real, DEPENDENT_CODE_SECRET: 'short' })).toThrow(/^DEPENDENT_CODE_SECRET:/);
  });
});
