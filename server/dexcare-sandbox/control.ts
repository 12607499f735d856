/**
 * Sandbox-only controls (not DexCare): reset, inspect, flip a region the way DexCare staff would
 * (busy and its message, who is on call, hours, active), and sign a patient in the way a health
 * system's own sign-in would (a patient GUID and a bearer token, optionally with dependents).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from './deps';
import { regionWait, unavailableReason } from './rules';
import type { Hours, Patient } from './store';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const toMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

const regionSettings = z
  .object({
    busy: z.boolean(),
    busyMessage: z.string().max(500),
    active: z.boolean(),
    /** Provider ids on call; [] = nobody. */
    onCall: z.array(z.string()).max(20),
    /** "always", or daily local hours; `to` before `from` crosses midnight; `from` = `to` is 24 h. */
    hours: z.union([z.literal('always'), z.object({ from: hhmm, to: hhmm }).strict()]),
  })
  .partial()
  .strict();

const person = {
  firstName: z.string().trim().min(1).max(64),
  lastName: z.string().trim().min(1).max(64),
  dateOfBirth: z.iso.date(),
};
const newPatient = z
  .object({
    ...person,
    email: z.email().optional(),
    phone: z.string().regex(/^\d{10}$/).optional(),
    dependents: z.array(z.object(person).strict()).max(10).optional(),
  })
  .strict();

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text()) as unknown;
  } catch {
    return undefined;
  }
}

const bad = (c: Context, error: z.ZodError) => {
  const issue = error.issues[0]!;
  return c.json({ message: `${issue.path.join('.') || 'body'}: ${issue.message}` }, 400);
};

export function createControl(deps: Deps, reset: () => void): Hono {
  const { store } = deps;
  const control = new Hono();

  control.post('/reset', (c) => {
    reset();
    return c.body(null, 204);
  });

  control.get('/state', (c) => {
    const now = deps.now();
    return c.json({
      now: new Date(now).toISOString(),
      regions: [...store.regions.values()].map((r) => ({
        id: r.id,
        displayName: r.displayName,
        active: r.active,
        busy: r.busy,
        onCall: r.onCall,
        hours: r.hours,
        reason: unavailableReason(store, r.id, now),
        waitSeconds: regionWait(store, r),
      })),
      visits: [...store.visits.values()].map((v) => ({
        id: v.id,
        regionId: v.regionId,
        patientId: v.patientId,
        bookedBy: v.bookedBy,
        declaration: v.declaration,
        paymentMethod: v.paymentMethod,
        status: v.status,
        providerId: v.providerId,
        created: new Date(v.created).toISOString(),
      })),
      patients: store.patients.size,
    });
  });

  control.post('/regions/:id', async (c) => {
    const region = store.regions.get(c.req.param('id'));
    if (!region) return c.json({ message: 'Practice region not found' }, 404);
    const parsed = regionSettings.safeParse(await jsonBody(c));
    if (!parsed.success) return bad(c, parsed.error);
    const { hours, onCall, ...rest } = parsed.data;
    if (onCall) {
      const unknown = onCall.find((id) => !store.providers.has(id));
      if (unknown) return c.json({ message: `onCall: no provider ${unknown}` }, 400);
      region.onCall = [...onCall];
    }
    if (hours) {
      let next: Hours = { kind: 'always' };
      if (hours !== 'always') {
        const from = toMinutes(hours.from);
        const to = toMinutes(hours.to);
        next = { kind: 'daily', from, minutes: to > from ? to - from : to + 24 * 60 - from };
      }
      region.hours = next;
    }
    Object.assign(region, rest);
    return c.json({ id: region.id, busy: region.busy, busyMessage: region.busyMessage, active: region.active, onCall: region.onCall, hours: region.hours });
  });

  /**
   * Stands in for the health system's sign-in: a new patient with a bearer token, and any
   * dependents (declaration "other") already linked, as DexCare's patient API would hold them.
   */
  control.post('/patients', async (c) => {
    const parsed = newPatient.safeParse(await jsonBody(c));
    if (!parsed.success) return bad(c, parsed.error);
    const p = parsed.data;
    const email = p.email ?? `patient-${randomBytes(4).toString('hex')}@example.com`;
    const phone = p.phone ?? '5555550100';
    const dependents: Patient[] = (p.dependents ?? []).map((d) => ({ ...d, id: randomUUID(), userId: randomUUID(), email, phone, dependents: [] }));
    const patient: Patient = {
      id: randomUUID(),
      userId: randomUUID(),
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      email,
      phone,
      dependents: dependents.map((d) => d.id),
    };
    for (const x of [patient, ...dependents]) store.patients.set(x.id, x);
    const token = `sandbox-dexcare-${randomBytes(24).toString('base64url')}`;
    store.tokens.set(token, patient.id);
    return c.json(
      {
        patientId: patient.id,
        token,
        dependents: dependents.map((d) => ({ patientId: d.id, firstName: d.firstName, lastName: d.lastName, dateOfBirth: d.dateOfBirth })),
      },
      201,
    );
  });

  control.onError((_err, c) => c.json({ message: 'The sandbox control hit an unexpected error.' }, 500));
  return control;
}
