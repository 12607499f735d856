/** POST /users/sso (§3.1): create-or-return the user for `code`, always with a fresh token. */
import type { Hono } from 'hono';
import { USER_TYPE } from '../vsee/codes';
import { checkApiKey } from './auth';
import { readParams, str, int, type Params } from './body';
import { fail } from './errors';
import { ssoUser } from './shapes';
import { hex, type UserType } from './store';
import type { Deps } from './deps';

const TYPES = new Set<number>(Object.values(USER_TYPE));

/**
 * A provider made by SSO (provider use cases 1 and 2). Assumptions: a doctor (subtype 482), and
 * the clinic's default weekly hours, Monday to Friday 09:00–17:00 clinic time, so that a room
 * whose admin turns appointments on has bookable times; in VSee the provider sets these.
 */
const NEW_PROVIDER = {
  subtype: '482',
  schedule: [{ weekdays: [1, 2, 3, 4, 5], from: 9 * 60, to: 17 * 60 }],
};

/** Address fields of the insurance-flow SSO sample (seed 003), stored and echoed as sent. */
const PROFILE_FIELDS = ['street_addr', 'city', 'state', 'zip'] as const;

/**
 * Seed 003 sends `gender="1"` and gets `"gender": 1` back. Assumption: the e-prescribing words
 * `male` / `female` (reference §3.1) are the same two codes.
 */
function gender(p: Params): number | null {
  const raw = str(p, 'gender')?.toLowerCase();
  if (raw === undefined) return null;
  const code = raw === 'male' ? 1 : raw === 'female' ? 2 : Number(raw);
  if (code !== 1 && code !== 2) fail(400, 'gender must be 1 (male), 2 (female), male or female');
  return code;
}

export function registerUsers(api: Hono, deps: Deps): void {
  api.post('/users/sso', async (c) => {
    checkApiKey(c, { secret: true });
    const p = await readParams(c);
    const firstName = str(p, 'first_name') ?? fail(400, 'first_name is required');
    const lastName = str(p, 'last_name') ?? fail(400, 'last_name is required');
    const type = int(p, 'type') ?? USER_TYPE.member;
    if (!TYPES.has(type)) fail(400, 'type must be 200 (member), 400 (provider) or 600 (guest)');
    let code = str(p, 'code');
    if (!code && type !== USER_TYPE.guest) fail(400, 'code is required');
    if (code && code.length > 128) fail(400, 'code must be at most 128 characters');
    const dob = str(p, 'dob') ?? null;
    if (dob !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dob)) fail(400, 'dob must be in YYYY-MM-DD format');
    const email = str(p, 'email') ?? null;
    const phone = str(p, 'phone') ?? null;
    const sex = gender(p);
    const profile: Record<string, string> = {};
    for (const f of PROFILE_FIELDS) {
      const v = str(p, f);
      if (v !== undefined) profile[f] = v;
    }

    const now = deps.now();
    // A guest without a code gets a system-made 32-hex code, as VSee's guest sample shows.
    code ??= hex(16);
    let user = deps.store.userByCode(code);
    // Assumption (VSee is silent): one code is one user of one type; SSO never turns a patient
    // into a provider or the reverse.
    if (user && user.type !== type) fail(400, 'This code belongs to a user of another type.');
    if (user) {
      // Assumption: VSee is silent on whether re-SSO updates the profile; we keep it in step
      // with what the caller sends, which is what an SSO sync is for.
      user.firstName = firstName;
      user.lastName = lastName;
      if (dob !== null) user.dob = dob;
      if (email !== null) user.email = email;
      if (phone !== null) user.phone = phone;
      if (sex !== null) user.gender = sex;
      Object.assign(user.profile, profile);
    } else {
      user = deps.store.addUser(
        { code, type: type as UserType, firstName, lastName, dob, email, phone, gender: sex, profile, ...(type === USER_TYPE.provider ? NEW_PROVIDER : {}) },
        now,
      );
    }
    const token = deps.store.mintToken(user.id, now);
    const withVsee = (c.req.query('fields') ?? '').split(',').includes('vsee');
    return c.json({ data: ssoUser(user, token, withVsee ? hex(16) : undefined) });
  });
}
