/**
 * GET /availability (§5.1). Also POST with a form body: VSee's own curl sample uses `-d`
 * without `-X GET`, which curl sends as a POST.
 */
import type { Context, Hono } from 'hono';
import { checkApiKey, tokenUser } from './auth';
import { readParams, str, int, type Params } from './body';
import { freeSlots, slotLength } from './availability';
import { fail } from './errors';
import { consultationFor, ownIntake, roomFor } from './lookups';
import type { Deps } from './deps';
import type { Intake, User } from './store';

/** Assumption: VSee's limit is undocumented; a bounded window keeps the sandbox cheap. */
export const MAX_WINDOW_SECONDS = 62 * 86_400;

function caller(c: Context, deps: Deps): User | null {
  // Without a user token VSee (beta) accepts X-AccountCode + X-ApiKey.
  if (!c.req.header('x-apitoken') && c.req.header('x-accountcode') && c.req.header('x-apikey')) {
    checkApiKey(c, { secret: false });
    return null;
  }
  return tokenUser(c, deps);
}

function requiredTime(p: Params, name: string): number {
  const v = int(p, name);
  if (v === undefined) return fail(400, `${name} is required`);
  if (Number.isNaN(v) || v < 0) return fail(400, `${name} must be a unix timestamp in seconds`);
  return v;
}

export function registerAvailability(api: Hono, deps: Deps): void {
  const handler = async (c: Context) => {
    const user = caller(c, deps);
    const p = await readParams(c);
    const start = requiredTime(p, 'start');
    const end = requiredTime(p, 'end');
    if (end <= start) fail(400, 'end must be after start');
    if (end - start > MAX_WINDOW_SECONDS) fail(400, 'The search window may be at most 62 days');

    const intakeId = str(p, 'intake_id');
    const intake: Intake | undefined = intakeId ? ownIntake(deps, user, intakeId) : undefined;
    const room = roomFor(deps, str(p, 'room_code'), intake);

    // Slot length: the consultation decides; else the intake's consultation; else `duration` (seconds).
    const consultationId = str(p, 'consultation_id');
    const consultation = consultationId ? consultationFor(room, consultationId) : intake?.consultation;
    const duration = consultation ? consultation.duration * 60 : int(p, 'duration');
    if (duration !== undefined && Number.isNaN(duration)) fail(400, 'duration must be a number of seconds');

    // Assumption: a room that takes no appointments has no bookable slots (rather than an error).
    if (!room.appointmentEnabled) return c.json({ data: [] });
    const slots = freeSlots(deps.store, {
      room,
      start,
      end,
      duration: slotLength(duration),
      providerId: str(p, 'provider_id'),
      now: deps.now(),
    });
    return c.json({ data: slots });
  };
  api.get('/availability', handler);
  api.post('/availability', handler);
}
