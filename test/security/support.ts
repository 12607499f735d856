/** Shared steps for the attack tests: a patient with visits to attack, and the sandbox's view. */
import { expect } from 'vitest';
import { availability, visit, type Visit } from '../../src/api/contract';
import type { FaultSpec } from '../../server/vsee-sandbox/faults';
import { guestWithIntake, newKey, type Browser, type TestServer } from '../support/server';

const DAY = 86_400_000;

export async function slotsFor(b: Browser, intakeId: string) {
  const q = new URLSearchParams({ from: new Date().toISOString(), to: new Date(Date.now() + 14 * DAY).toISOString(), intakeId });
  const res = await b.get(`/api/availability?${q}`);
  expect(res.status).toBe(200);
  return availability.parse(await res.json()).slots;
}

export async function bookAppointment(b: Browser, slotIndex = 2): Promise<Visit> {
  const intakeId = await guestWithIntake(b, 'appointment');
  const s = (await slotsFor(b, intakeId))[slotIndex]!;
  const res = await b.post('/api/appointments', { intakeId, start: s.start, end: s.end }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  return visit.parse(await res.json());
}

export async function joinWalkin(b: Browser): Promise<Visit> {
  const intakeId = await guestWithIntake(b, 'walkin');
  const res = await b.post('/api/walkins', { intakeId }, { 'Idempotency-Key': newKey() });
  expect(res.status).toBe(201);
  return visit.parse(await res.json());
}

/** The provider starts and completes the visit on the sandbox dashboard. */
export async function complete(server: TestServer, id: string) {
  expect((await server.app.request(`/sandbox/vc/providers/visits/${id}/start`, { method: 'POST' })).status).toBe(303);
  expect((await server.app.request(`/sandbox/vc/providers/visits/${id}/complete`, { method: 'POST' })).status).toBe(303);
}

export async function injectFault(server: TestServer, spec: FaultSpec | FaultSpec[]) {
  const res = await server.app.request('/sandbox/control/faults', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
}

/** The sandbox's record of a visit (what VSee holds, whatever the proxy said). */
export const sandboxVisit = (server: TestServer, id: string) => server.sandbox.store.visits.get(id);
