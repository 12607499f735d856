/** Intakes (§4): the pre-visit questionnaire. Custom fields are stored and echoed back. */
import type { Hono } from 'hono';
import { tokenUser } from './auth';
import { readParams, str, int, type Params } from './body';
import { fail } from './errors';
import { consultationFor, onBehalfOf, ownIntake, roomFor, roomProvider } from './lookups';
import { intakeOut } from './shapes';
import type { Deps } from './deps';
import type { Intake, Room, User } from './store';

/** Documented parameters; everything else is a custom field. */
const DOCUMENTED = new Set([
  'type',
  'reason_for_visit',
  'reasonforvisit',
  'room_code',
  'room',
  'location',
  'phone',
  'provider_id',
  'provider',
  'member_id',
  'attachments',
  'consultation',
  'consultation_id',
  'reset',
]);

function normalise(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v;
}

/**
 * Attachment ids in any documented form. An empty string is kept as sent: the POST /visits
 * sample's intake shows `"attachments": ""`.
 */
function attachments(raw: unknown): Array<{ _id: string }> | '' {
  if (raw === '') return '';
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return list
    .map((a: unknown) => (a && typeof a === 'object' && 'id' in a ? String((a as { id: unknown }).id) : String(a).trim()))
    .filter((id) => id !== '')
    .map((id) => ({ _id: id }));
}

/**
 * Validates and stores the parameters of POST /intakes and POST /intakes/:id. `patient`: whom a
 * new intake is for — the caller, or the patient `member_id` names ("on behalf of", decision 067).
 */
function applyFields(deps: Deps, user: User, p: Params, intake: Intake | null): { fields: Params; room: Room; patient: User } {
  const type = int(p, 'type');
  if (type !== undefined && type !== 1 && type !== 2) fail(400, 'type must be 1 (walk-in) or 2 (schedule)');
  const memberRef = str(p, 'member_id');
  let patient = user;
  if (memberRef && memberRef !== user.id && memberRef !== user.code) {
    patient = onBehalfOf(deps, memberRef);
    // An intake keeps the patient it was made for.
    if (intake && patient.id !== intake.memberId) fail(400, 'member_id cannot change the patient of an intake.');
  }
  const roomCode = str(p, 'room_code') ?? str(p, 'room');
  const room = roomFor(deps, roomCode, intake ?? undefined);
  const providerId = str(p, 'provider_id') ?? str(p, 'provider');
  if (providerId) roomProvider(deps, room, providerId);

  const fields: Params = {};
  for (const [k, v] of Object.entries(p)) {
    // `reset` is stored like any field: the GET /visits/current sample's intake shows "reset": "true".
    if (k === 'consultation' || k === 'consultation_id') continue;
    fields[k] = normalise(v);
  }
  if (p.reasonforvisit !== undefined && p.reason_for_visit === undefined) {
    fields.reason_for_visit = normalise(p.reasonforvisit); // a documented misspelling
    delete fields.reasonforvisit;
  }
  if (providerId) fields.provider_id = providerId;
  if (p.attachments !== undefined) fields.attachments = attachments(p.attachments);
  if (roomCode || !intake) {
    fields.room_code = room.code;
    fields.room = room.code;
  }
  if (!intake) fields.member_id = patient.id;
  else delete fields.member_id;
  return { fields, room, patient };
}

export function registerIntakes(api: Hono, deps: Deps): void {
  api.post('/intakes', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const { fields, room, patient } = applyFields(deps, user, p, null);
    const intake = deps.store.addIntake(patient.id, fields, deps.now(), user.id);
    const consultation = p.consultation ?? p.consultation_id;
    if (consultation !== undefined && consultation !== '') intake.consultation = consultationFor(room, consultation);
    const custom = Object.fromEntries(Object.entries(fields).filter(([k]) => !DOCUMENTED.has(k)));
    return c.json({ data: { id: intake.id, ...custom } });
  });

  api.post('/intakes/:id', async (c) => {
    const user = tokenUser(c, deps);
    const intake = ownIntake(deps, user, c.req.param('id'));
    const p = await readParams(c);
    const { fields, room } = applyFields(deps, user, p, intake);
    const consultation = p.consultation ?? p.consultation_id;
    if (consultation !== undefined && consultation !== '') intake.consultation = consultationFor(room, consultation);
    Object.assign(intake.fields, fields);
    intake.modified = deps.now();
    return c.json({ data: { id: intake.id } });
  });

  api.get('/intakes/:id', (c) => {
    const user = tokenUser(c, deps);
    const intake = ownIntake(deps, user, c.req.param('id'));
    return c.json({ data: intakeOut(intake) });
  });
}
