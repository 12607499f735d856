/**
 * The component tests' fake (test/support/fake-api.ts) must answer as the real proxy does. One
 * table of scenarios runs against both — the fake, and the real proxy on the in-process VSee
 * sandbox (`makeServer()`) — and every status and every upcoming/past list must be the same. A
 * rule changed on one side only fails here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { availability, clinic as clinicSchema, visit, visitList, type Clinic, type Slot, type VisitKind } from '../../src/api/contract';
import { FakeApi, riverbend } from '../support/fake-api';
import { browser, makeServer, newKey, PATIENT } from '../support/server';

/** Tuesday 2 March 2027, 08:50 in Los Angeles: every sandbox provider has times soon after. */
const T0 = Date.parse('2027-03-02T16:50:00.000Z');
const MINUTE = 60_000;

interface Answer {
  status: number;
  body: unknown;
}

/** What a scenario needs from a patient API: calls, a provider, and the clock. */
interface Side {
  call(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<Answer>;
  provider(visitId: string, action: 'start' | 'complete'): Promise<void>;
  wait(minutes: number): Promise<void>;
}

function realSide(env: Record<string, string> = {}): Side {
  const server = makeServer(env);
  server.clock.now = T0;
  const b = browser(server);
  return {
    async call(method, path, body, key) {
      const res = await b.request(method, path, body, key ? { 'Idempotency-Key': key } : {});
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    async provider(visitId, action) {
      const res = await server.app.request(`/sandbox/vc/providers/visits/${visitId}/${action}`, { method: 'POST' });
      expect(res.status).toBe(303);
    },
    async wait(minutes) {
      // In steps the session outlives (15 minutes idle), each one a call, as a page open would make.
      for (let left = minutes; left > 0; left -= 10) {
        server.clock.now += Math.min(10, left) * MINUTE;
        expect((await b.request('GET', '/api/session')).status).toBe(200);
      }
    },
  };
}

function fakeSide(clinic?: Clinic): Side {
  vi.setSystemTime(T0);
  // With the sandbox room's own providers (a clinic given), a slot names their ids, as VSee's do.
  const who = clinic ? ['10001', '10003'] : ['prov-okafor'];
  const slot = (minutesFromT0: number): Slot => ({
    start: new Date(T0 + minutesFromT0 * MINUTE).toISOString(),
    end: new Date(T0 + (minutesFromT0 + 15) * MINUTE).toISOString(),
    providerIds: who,
  });
  // Like the sandbox's: the first time at 09:00, more the next days.
  const api = new FakeApi({ clinic, slots: [slot(10), slot(25), slot(24 * 60 + 10), slot(2 * 24 * 60 + 10)] });
  return {
    async call(method, path, body, key) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (method !== 'GET') Object.assign(headers, { 'Content-Type': 'application/json', 'X-Frontdesk': '1' });
      if (key) headers['Idempotency-Key'] = key;
      const res = await api.fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    async provider(visitId, action) {
      api.setVisitStatus(visitId, action === 'start' ? 'in_progress' : 'completed');
    },
    async wait(minutes) {
      vi.setSystemTime(Date.now() + minutes * MINUTE);
    },
  };
}

type Step =
  | { book: string; kind: VisitKind; visitType?: string; provider?: string; answers?: Record<string, unknown> }
  | { schedule: 'appointment' | 'walkin' }
  | { cancel: string; reason?: 'patient_cancel_appointment' | 'patient_exit_room' | 'max_waiting_time_reached' }
  | { reschedule: string }
  | { times: string }
  | { invite: string }
  | { join: string }
  | { provider: string; action: 'start' | 'complete' }
  | { wait: number }
  | { list: true };

/** Runs the steps on one side; returns what a patient would see: each status, and the lists by name. */
async function run(side: Side, steps: Step[]): Promise<string[]> {
  const seen: string[] = [];
  const ids = new Map<string, string>();
  const named = new Map<string, string>();
  const id = (name: string) => ids.get(name) ?? 'missing';
  const visitPath = (name: string, action: string) => `/api/visits/${id(name)}/${action}`;
  const range = () => {
    const from = new Date(T0).toISOString();
    return { from, to: new Date(T0 + 14 * 24 * 60 * MINUTE).toISOString() };
  };

  seen.push(`guest sign-in: ${(await side.call('POST', '/api/session/guest', PATIENT)).status}`);
  for (const step of steps) {
    if ('schedule' in step) {
      const intake = await side.call('POST', '/api/intakes', { kind: step.schedule, reason: 'Sore throat', state: 'CA', answers: { is_allergic: false } });
      const intakeId = (intake.body as { id: string }).id;
      const h = await side.call('POST', '/api/handoff', { target: 'schedule', intakeId });
      const next = h.status === 200 ? new URL((h.body as { url: string }).url).searchParams.get('next') ?? new URL((h.body as { url: string }).url).pathname : '';
      // Both land on the scheduling page with the intake (the fake links it directly, the proxy through sign-in).
      const lands = h.status === 200 && `${next}${new URL((h.body as { url: string }).url).search}${new URL((h.body as { url: string }).url).hash}`.includes(`intake_id=${intakeId}&action=appointment#schedule-appointment`);
      seen.push(`schedule on VSee with an intake for ${step.schedule}: ${h.status}${lands ? ' lands with the intake' : ''}`);
      continue;
    }
    if ('book' in step) {
      const intake = await side.call('POST', '/api/intakes', {
        kind: step.kind,
        reason: 'Sore throat',
        state: 'CA',
        phone: '510-555-0199',
        ...(step.visitType ? { visitTypeId: step.visitType } : {}),
        ...(step.provider ? { providerId: step.provider } : {}),
        ...(step.answers ? { answers: step.answers } : {}),
      });
      if (intake.status !== 201) {
        seen.push(`details for ${step.book}: ${intake.status} ${JSON.stringify((intake.body as { error?: { fields?: unknown } }).error?.fields ?? null)}`);
        continue;
      }
      const intakeId = (intake.body as { id: string }).id;
      let created: Answer;
      if (step.kind === 'appointment') {
        const found = await side.call('GET', `/api/availability?${new URLSearchParams({ ...range(), intakeId })}`);
        const first = availability.parse(found.body).slots[0]!;
        created = await side.call('POST', '/api/appointments', { intakeId, start: first.start, end: first.end }, newKey());
      } else {
        created = await side.call('POST', step.kind === 'walkin' ? '/api/walkins' : '/api/econsults', { intakeId }, newKey());
      }
      const made = visit.parse(created.body);
      ids.set(step.book, made.id);
      named.set(made.id, step.book);
      if (step.visitType || step.provider) {
        const minutes = (Date.parse(made.end) - Date.parse(made.start)) / MINUTE;
        seen.push(`book ${step.book}: ${created.status} ${made.kind} ${made.status} ${made.modality} ${minutes} min with ${made.provider?.name ?? 'nobody yet'}${made.callNumber ? `, calls ${made.callNumber}` : ''}`);
      } else {
        seen.push(`book ${step.book}: ${created.status} ${made.kind} ${made.status}`);
      }
    } else if ('cancel' in step) {
      const reason = step.reason ?? 'patient_cancel_appointment';
      seen.push(`cancel ${step.cancel} (${reason}): ${(await side.call('POST', visitPath(step.cancel, 'cancel'), { reason })).status}`);
    } else if ('times' in step) {
      const found = await side.call('GET', `/api/availability?${new URLSearchParams({ ...range(), visitId: id(step.times) })}`);
      seen.push(`times for moving ${step.times}: ${found.status}`);
    } else if ('reschedule' in step) {
      const found = await side.call('GET', `/api/availability?${new URLSearchParams({ ...range(), visitId: id(step.reschedule) })}`);
      const slots = found.status === 200 ? availability.parse(found.body).slots : [];
      // A time on another day, so it is free whichever provider the first booking took.
      const target = slots.at(-1) ?? { start: new Date(T0 + 3 * 24 * 60 * MINUTE).toISOString(), end: new Date(T0 + (3 * 24 * 60 + 15) * MINUTE).toISOString() };
      const moved = await side.call('POST', visitPath(step.reschedule, 'reschedule'), { start: target.start, end: target.end }, newKey());
      seen.push(`reschedule ${step.reschedule}: ${moved.status}`);
    } else if ('invite' in step) {
      seen.push(`invite to ${step.invite}: ${(await side.call('POST', visitPath(step.invite, 'invite'), {})).status}`);
    } else if ('join' in step) {
      seen.push(`join ${step.join}: ${(await side.call('POST', '/api/handoff', { target: 'visit', visitId: id(step.join) })).status}`);
    } else if ('provider' in step) {
      await side.provider(id(step.provider), step.action);
      seen.push(`provider ${step.action}s ${step.provider}`);
    } else if ('wait' in step) {
      await side.wait(step.wait);
      seen.push(`${step.wait} minutes pass`);
    } else {
      const list = visitList.parse((await side.call('GET', '/api/visits')).body);
      const names = (visits: { id: string }[]) => visits.map((v) => named.get(v.id) ?? 'someone else’s').join(', ');
      seen.push(`upcoming: [${names(list.upcoming)}] past: [${names(list.past)}]`);
    }
  }
  return seen;
}

const scenarios: [string, Step[]][] = [
  [
    'an appointment: shared, joined, moved, cancelled, then nothing more',
    [
      { book: 'appointment', kind: 'appointment' },
      { list: true },
      { invite: 'appointment' },
      { join: 'appointment' },
      { times: 'appointment' },
      { reschedule: 'appointment' },
      { cancel: 'appointment' },
      { list: true },
      { cancel: 'appointment' },
      { reschedule: 'appointment' },
      { invite: 'appointment' },
      { join: 'appointment' },
    ],
  ],
  [
    'a confirmed appointment whose time passed without a visit is past',
    [
      { book: 'appointment', kind: 'appointment' },
      { wait: 40 },
      { list: true },
      { cancel: 'appointment' },
      { times: 'appointment' },
      { reschedule: 'appointment' },
      { invite: 'appointment' },
      { join: 'appointment' },
    ],
  ],
  [
    'a walk-in: waiting, started, completed',
    [
      { book: 'walk-in', kind: 'walkin' },
      { list: true },
      { cancel: 'walk-in', reason: 'max_waiting_time_reached' },
      { invite: 'walk-in' },
      { join: 'walk-in' },
      { times: 'walk-in' },
      { provider: 'walk-in', action: 'start' },
      { cancel: 'walk-in', reason: 'patient_exit_room' },
      { invite: 'walk-in' },
      { join: 'walk-in' },
      { list: true },
      { provider: 'walk-in', action: 'complete' },
      { list: true },
      { join: 'walk-in' },
      { invite: 'walk-in' },
    ],
  ],
  [
    'a walk-in leaves the queue',
    [
      { book: 'walk-in', kind: 'walkin' },
      { cancel: 'walk-in', reason: 'patient_exit_room' },
      { list: true },
      { join: 'walk-in' },
    ],
  ],
  [
    'an e-consult: no video, no guests, withdrawn',
    [
      { book: 'question', kind: 'econsult' },
      { list: true },
      { join: 'question' },
      { invite: 'question' },
      { reschedule: 'question' },
      { cancel: 'question' },
      { list: true },
    ],
  ],
];

afterEach(() => {
  vi.useRealTimers();
});

describe('the fake answers as the proxy does', () => {
  it.each(scenarios)('%s', async (_name, steps) => {
    const real = await run(realSide(), steps);
    const fake = await run(fakeSide(), steps);
    expect(fake).toEqual(real);
  });
});

/** Visit types, providers, the clinic's questions and step 3b, on the sandbox room's own lists. */
describe('the fake answers as the proxy does: visit types, providers, questions (issue #16)', () => {
  const env = { INTAKE_QUESTIONS: join(import.meta.dirname, '../../server/vsee-sandbox/intake-questions.json') };
  const ok = { is_allergic: false };
  const choiceScenarios: [string, Step[]][] = [
    [
      'a 30-minute visit with Dr. Chen, and a phone call',
      [
        { book: 'long', kind: 'appointment', visitType: '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c000030', provider: '10003', answers: ok },
        { book: 'call', kind: 'appointment', visitType: '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c0000a2', answers: ok },
        { list: true },
      ],
    ],
    [
      'choices that are not the clinic’s, and unanswered questions',
      [
        { book: 'odd type', kind: 'appointment', visitType: 'not-a-type', answers: ok },
        { book: 'odd provider', kind: 'appointment', provider: 'sandbox-provider-okafor', answers: ok },
        { book: 'no answers', kind: 'appointment', provider: '10001' },
        { book: 'half answered', kind: 'appointment', provider: '10001', answers: { is_allergic: true, pregnant: 'yes', due_date: 'soon' } },
      ],
    ],
    ['step 3b: VSee’s scheduling page', [{ schedule: 'appointment' }, { schedule: 'walkin' }]],
  ];

  it.each(choiceScenarios)('%s', async (_name, steps) => {
    const realServer = makeServer(env);
    const sandboxClinic = clinicSchema.parse(await (await browser(realServer).get('/api/clinic')).json());
    const real = await run(realSide(env), steps);
    const fake = await run(
      fakeSide({ ...riverbend, visitTypes: sandboxClinic.visitTypes, providers: sandboxClinic.providers, questions: sandboxClinic.questions }),
      steps,
    );
    expect(fake).toEqual(real);
  });
});
