/**
 * Whoever chooses the VSee user code owns that patient's account (DESIGN.md, Security): a `code`,
 * `member_id` or user id sent by the browser is ignored everywhere.
 */
import { describe, expect, it } from 'vitest';
import { SEED_PATIENT } from '../../server/vsee-sandbox/seed';
import { browser, makeServer, newKey, PATIENT, sandboxVisit } from '../support/server';

const FORGED = { code: SEED_PATIENT.code, member_id: '10004', memberId: '10004', userId: '10004', user_id: '10004', id: '10004', uc: SEED_PATIENT.code, mid: '10004' };
const seededMaria = (server: ReturnType<typeof makeServer>) => server.sandbox.store.userByCode(SEED_PATIENT.code)!;

describe('forged identity in request bodies', () => {
  it('a guest session with a forged code or member id gets a fresh VSee user, not that patient', async () => {
    const server = makeServer();
    const maria = seededMaria(server);
    const before = server.sandbox.store.users.size;
    const b = browser(server);
    expect((await b.post('/api/session/guest', { ...PATIENT, ...FORGED })).status).toBe(201);
    expect(server.sandbox.store.users.size).toBe(before + 1);
    const made = [...server.sandbox.store.users.values()].at(-1)!;
    expect(made.id).not.toBe(maria.id);
    expect(made.code).toMatch(/^fd-[0-9a-f]{48}$/);
    expect(seededMaria(server).firstName).toBe(maria.firstName); // Maria's account untouched
  });

  it('intakes, bookings and handoffs with a forged member id act for the signed-in patient only', async () => {
    const server = makeServer();
    const maria = seededMaria(server);
    const b = browser(server);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const me = [...server.sandbox.store.users.values()].at(-1)!;

    const i = await b.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA', ...FORGED });
    expect(i.status).toBe(201);
    const intakeId = ((await i.json()) as { id: string }).id;
    expect(server.sandbox.store.intakes.get(intakeId)?.memberId).toBe(me.id);

    const w = await b.post('/api/walkins', { intakeId, ...FORGED }, { 'Idempotency-Key': newKey() });
    expect(w.status).toBe(201);
    const v = sandboxVisit(server, ((await w.json()) as { id: string }).id)!;
    expect(v.memberId).toBe(me.id);
    expect(v.memberId).not.toBe(maria.id);

    const h = await b.post('/api/handoff', { target: 'dashboard', ...FORGED });
    expect(h.status).toBe(200);
    const token = new URL(((await h.json()) as { url: string }).url).searchParams.get('sso_token')!;
    expect(server.sandbox.store.tokens.get(token)?.userId).toBe(me.id);
  });

  it('an intake id made by someone else cannot be booked', async () => {
    const server = makeServer();
    const a = browser(server);
    const b = browser(server);
    expect((await a.post('/api/session/guest', PATIENT)).status).toBe(201);
    expect((await b.post('/api/session/guest', PATIENT)).status).toBe(201);
    const i = await a.post('/api/intakes', { kind: 'walkin', reason: 'Cough', state: 'CA' });
    const intakeId = ((await i.json()) as { id: string }).id;
    const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
    expect(res.status).toBe(404);
    expect([...server.sandbox.store.visits.values()].filter((v) => v.intakeId === intakeId)).toEqual([]);
  });
});
