/** Test helpers: a sandbox mounted the way the host mounts it, on a clock the test controls. */
import { Hono } from 'hono';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { createSandbox } from '../../../server/vsee-sandbox/index';

/** Wednesday 5 March 2025, 10:00 in Los Angeles (PST, UTC−8): four days before DST starts. */
export const T0 = Date.UTC(2025, 2, 5, 18, 0, 0);
export const T0_SEC = T0 / 1000;

/** Unix seconds of a Los Angeles wall-clock time in March 2025 (PST before the 9th, PDT from it). */
export function laMarch(day: number, hour: number, minute = 0): number {
  const offset = day >= 9 ? 7 : 8;
  return Date.UTC(2025, 2, day, hour + offset, minute) / 1000;
}

export const SSO_HEADERS = {
  'X-ApiKey': SANDBOX.apiKey,
  'X-ApiSecret': SANDBOX.apiSecret,
  'X-AccountCode': SANDBOX.accountCode,
};

export type Encoding = 'json' | 'form' | 'multipart';

export function encode(fields: Record<string, string | number>, encoding: Encoding): { headers: Record<string, string>; body: BodyInit } {
  if (encoding === 'json') return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) };
  if (encoding === 'form') {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
  }
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v));
  return { headers: {}, body: fd };
}

// Raw JSON is inspected field by field in the tests, as VSee's types are the point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

export function setup(startMs = T0) {
  const clock = { ms: startMs };
  const sandbox = createSandbox({ now: () => clock.ms });
  const host = new Hono().route('/sandbox', sandbox.app);
  const request = (path: string, init?: RequestInit) => host.request(`/sandbox${path}`, init);

  /** POST to the API with the given token and body encoding. */
  const post = (path: string, token: string | null, fields: Record<string, string | number>, encoding: Encoding = 'multipart') => {
    const { headers, body } = encode(fields, encoding);
    return request(`/api_v3${path}`, {
      method: 'POST',
      headers: { ...headers, ...(token ? { 'X-ApiToken': token, 'X-AccountCode': SANDBOX.accountCode } : {}) },
      body,
    });
  };
  const get = (path: string, token: string | null) =>
    request(`/api_v3${path}`, { headers: token ? { 'X-ApiToken': token, 'X-AccountCode': SANDBOX.accountCode } : {} });

  let n = 0;
  /** SSO a fresh patient (or the given code); returns the user id and access token. */
  const sso = async (fields: Record<string, string | number> = {}) => {
    n += 1;
    const { headers, body } = encode({ first_name: 'Pat', last_name: 'Tester', code: `test-patient-${n}`, type: 200, ...fields }, 'json');
    const res = await request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    if (res.status !== 200) throw new Error(`sso failed: ${res.status} ${await res.text()}`);
    const json: Raw = await res.json();
    return { id: json.data.id as string, token: json.data.token.token as string, raw: json };
  };

  const intake = async (token: string, fields: Record<string, string | number> = {}) => {
    const res = await post('/intakes', token, { type: 1, reason_for_visit: 'Sore throat', room_code: SANDBOX.roomCode, ...fields }, 'json');
    const json: Raw = await res.json();
    return json.data.id as string;
  };

  const walkin = async (token: string, fields: Record<string, string | number> = {}) => {
    const intakeId = await intake(token);
    const res = await post('/visits/add_walkin', token, { intake_id: intakeId, room_code: SANDBOX.roomCode, ...fields });
    const json: Raw = await res.json();
    return json.data as Raw;
  };

  const slots = async (token: string, start: number, end: number, extra = '') => {
    const res = await get(`/availability?start=${start}&end=${end}${extra}`, token);
    const json: Raw = await res.json();
    return json.data as Array<{ start: number; end: number; providers: string[] }>;
  };

  /** Book an appointment at `start` (15 min) and return the visit in the detail shape. */
  const book = async (token: string, start: number, fields: Record<string, string | number> = {}) => {
    const res = await post('/visits', token, { slot_start: start, slot_end: start + 900, type: 2, ...fields });
    if (res.status !== 200) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as Raw).data as Raw;
  };

  /** An e-consult waiting to be accepted (add_econsult's answer). */
  const econsult = async (token: string) => {
    const intakeId = await intake(token, { reason_for_visit: 'Rash photos' });
    const res = await post('/visits/add_econsult', token, { intake_id: intakeId, room_code: SANDBOX.roomCode }, 'json');
    if (res.status !== 200) throw new Error(`add_econsult failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as Raw).data as Raw;
  };

  /** POST to a sandbox control route with a JSON body (or none). */
  const control = (path: string, body?: unknown) =>
    request(`/control${path}`, {
      method: 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  return { clock, sandbox, host, request, post, get, sso, intake, walkin, slots, book, econsult, control };
}
