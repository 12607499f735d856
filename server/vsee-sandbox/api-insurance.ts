/**
 * VSee's insurance flow (seed 003, reference §10): GET /insurances, POST /me with `insurance.*`,
 * POST /users/:id/:carrier_code/eligibility (a check that runs 10 s later and answers by webhook;
 * see webhooks.ts) and GET /users/:id/insurances.
 */
import type { Hono } from 'hono';
import { tokenUser } from './auth';
import { readParams, str, type Params } from './body';
import { fail, NOT_AVAILABLE } from './errors';
import { ssoUser } from './shapes';
import type { InsuranceCard, User, UserInsurance } from './store';
import { ELIGIBILITY_DELAY_SECONDS } from './webhooks';
import type { Deps } from './deps';

const RESPPARTY = new Set(['self', 'spouse', 'child', 'other']);

/**
 * `insurance.<name>`, sent flat (`insurance.x` as a JSON key) or nested (form fields with dots
 * arrive as `{insurance: {x}}`, and a JSON body may nest them too).
 */
function ins(p: Params, ...names: string[]): string | undefined {
  const nested = p.insurance;
  for (const name of names) {
    const flat = str(p, `insurance.${name}`);
    if (flat !== undefined) return flat;
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      const v = str(nested as Params, name);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** Accepts seed 003's names, then the Insurance page's older and newer spellings (reference §3.6). */
function readInsurance(p: Params, deps: Deps, before: UserInsurance | null): UserInsurance | null {
  const known = new Set(deps.store.insurers.map((i) => i.id));
  const card = (which: 'primary' | 'secondary', prev: InsuranceCard | null): InsuranceCard | null => {
    const names =
      which === 'primary'
        ? { carrier: ['primary_carrier_code', 'insurer_id', 'carrier_code'], num: ['primary_subscriber_num', 'subscriber_num'], group: ['primary_group_number', 'group_number'] }
        : { carrier: ['secondary_carrier_code', 'secondary_insurer_id', 'secondary_carrier'], num: ['secondary_subscriber_num'], group: ['secondary_group_number'] };
    const carrier = ins(p, ...names.carrier);
    const num = ins(p, ...names.num);
    const group = ins(p, ...names.group);
    if (carrier === undefined && num === undefined && group === undefined) return prev;
    const carrierCode = carrier ?? prev?.carrierCode ?? fail(400, `insurance.${names.carrier[0]} is required`);
    if (!known.has(carrierCode)) fail(400, `Unknown carrier code ${carrierCode}`);
    if (num !== undefined && num.length > 64) fail(400, `insurance.${names.num[0]} must be at most 64 characters`);
    if (group !== undefined && group.length > 64) fail(400, `insurance.${names.group[0]} must be at most 64 characters`);
    return { carrierCode, subscriberNum: num ?? prev?.subscriberNum ?? null, groupNumber: group ?? prev?.groupNumber ?? null };
  };
  const primary = card('primary', before?.primary ?? null);
  const secondary = card('secondary', before?.secondary ?? null);
  const respparty = ins(p, 'respparty') ?? before?.respparty ?? null;
  if (respparty !== null && !RESPPARTY.has(respparty)) fail(400, 'insurance.respparty must be self, child, spouse or other');
  const guarantorDob = ins(p, 'guarantor_dob') ?? before?.guarantor.dob ?? null;
  if (guarantorDob !== null && !/^\d{4}-\d{2}-\d{2}$/.test(guarantorDob)) fail(400, 'insurance.guarantor_dob must be in YYYY-MM-DD format');
  if (!primary && !secondary && respparty === null) return before;
  return {
    primary,
    secondary,
    respparty,
    guarantor: {
      firstName: ins(p, 'guarantor_first_name') ?? before?.guarantor.firstName ?? null,
      lastName: ins(p, 'guarantor_last_name') ?? before?.guarantor.lastName ?? null,
      dob: guarantorDob,
    },
  };
}

/**
 * `insurance` as the POST /me sample answers it: primary without its group number (the sample's
 * request sent `insurance.primary_group_number`, its answer leaves it out), secondary with it,
 * and `patient.respparty`.
 */
function insuranceOut(i: UserInsurance) {
  return {
    ...(i.primary
      ? { primary: { carrier_code: i.primary.carrierCode, subscriber_num: i.primary.subscriberNum ?? '', insurance_order: 1 } }
      : {}),
    ...(i.secondary
      ? {
          secondary: {
            carrier_code: i.secondary.carrierCode,
            group_number: i.secondary.groupNumber ?? '',
            subscriber_num: i.secondary.subscriberNum ?? '',
            insurance_order: 2,
          },
        }
      : {}),
    patient: { respparty: i.respparty ?? 'self' },
  };
}

/** The user as POST /me answers (seed 003 step 3): the SSO user without its token. */
function meShape(user: User) {
  // ssoUser() wants a token; the /me answer has none, so it is dropped again.
  const { token: _token, ...rest } = ssoUser(user, { token: '', userId: user.id, expiry: 0, refreshToken: '', refreshExpiry: 0, created: 0, portalUsed: false });
  void _token;
  const { account_code, clinics, created, ...head } = rest;
  return { ...head, ...(user.insurance ? { insurance: insuranceOut(user.insurance) } : {}), account_code, clinics, created };
}

/** The user `:id` names, which must be the caller (`-` = the caller); anyone else looks missing. */
function ownUser(deps: Deps, caller: User, id: string): User {
  if (id !== '-' && id !== caller.id) fail(404, NOT_AVAILABLE);
  return caller;
}

/** GET /users/:id/insurances card (reference §10.3), `eligibility` once a check has run. */
function cardOut(deps: Deps, user: User, which: 'primary' | 'secondary', card: InsuranceCard) {
  const i = user.insurance!;
  const self = (i.respparty ?? 'self') === 'self';
  const check = [...deps.store.eligibility.values()]
    .filter((c) => c.userId === user.id && c.order === which && c.carrierCode === card.carrierCode && c.status !== null)
    .at(-1);
  const address = user.profile;
  return {
    card_type: which,
    insurer_code: card.carrierCode,
    // The sample spells it `subscriber_number` on the primary card and `subscriber_num` on the secondary (sic).
    [which === 'primary' ? 'subscriber_number' : 'subscriber_num']: card.subscriberNum ?? '',
    group_number: card.groupNumber ?? '',
    responsible_party: i.respparty ?? 'self',
    guarantor_first_name: (self ? user.firstName : i.guarantor.firstName) ?? '',
    guarantor_middle_name: '',
    guarantor_last_name: (self ? user.lastName : i.guarantor.lastName) ?? '',
    guarantor_dob: (self ? user.dob : i.guarantor.dob) ?? '',
    guarantor_gender: self ? user.gender : null,
    guarantor_address: address.street_addr ?? '',
    guarantor_address_2: '',
    guarantor_city: address.city ?? '',
    guarantor_zip: address.zip ?? '',
    guarantor_state: address.state ?? '',
    consent: true,
    ...(check ? { eligibility: { status: check.status } } : {}),
  };
}

export function registerInsurance(api: Hono, deps: Deps): void {
  // Seed 003 step 1 sends only X-ApiToken; any valid token may read the clinic's list.
  // The seed's curl asks for `/insurances/`, with the slash.
  for (const path of ['/insurances', '/insurances/']) {
    api.get(path, (c) => {
      tokenUser(c, deps);
      return c.json({ data: { insurers: deps.store.insurers.map((i) => ({ id: i.id, name: i.name })) } });
    });
  }

  api.post('/me', async (c) => {
    const user = tokenUser(c, deps);
    const p = await readParams(c);
    const insurance = readInsurance(p, deps, user.insurance);
    for (const [field, key] of [['first_name', 'firstName'], ['last_name', 'lastName']] as const) {
      const v = str(p, field);
      if (v !== undefined) user[key] = v;
    }
    const dob = str(p, 'dob');
    if (dob !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dob)) fail(400, 'dob must be in YYYY-MM-DD format');
      user.dob = dob;
    }
    for (const f of ['street_addr', 'city', 'state', 'zip'] as const) {
      const v = str(p, f);
      if (v !== undefined) user.profile[f] = v;
    }
    user.insurance = insurance;
    return c.json({ data: meShape(user) });
  });

  api.post('/users/:id/:carrier/eligibility', (c) => {
    const user = ownUser(deps, tokenUser(c, deps), c.req.param('id'));
    const carrier = c.req.param('carrier');
    const order = user.insurance?.primary?.carrierCode === carrier ? 'primary' : user.insurance?.secondary?.carrierCode === carrier ? 'secondary' : null;
    if (!order) return fail(400, `The user has no insurance with carrier ${carrier}.`);
    // "Some user fields are required if you want to use the insurance API" (seed 003 step 3).
    const missing = [!user.firstName && 'first_name', !user.lastName && 'last_name', !user.dob && 'dob'].filter(Boolean);
    if (missing.length) fail(400, `Missing user fields required for eligibility: ${missing.join(', ')}`);
    const check = deps.store.addEligibility({ userId: user.id, carrierCode: carrier, order, due: deps.now() + ELIGIBILITY_DELAY_SECONDS });
    deps.outbox.wake();
    return c.json({ data: { eligibility_id: check.id, carrier_code: carrier } });
  });

  api.get('/users/:id/insurances', (c) => {
    const user = ownUser(deps, tokenUser(c, deps), c.req.param('id'));
    const i = user.insurance;
    const cards = i ? [...(i.primary ? [cardOut(deps, user, 'primary', i.primary)] : []), ...(i.secondary ? [cardOut(deps, user, 'secondary', i.secondary)] : [])] : [];
    // `version` sits beside `data`, as in the sample.
    return c.json({ data: cards, version: '2.0' });
  });
}
