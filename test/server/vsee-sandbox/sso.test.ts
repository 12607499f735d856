import { describe, expect, it } from 'vitest';
import { envelope, ssoUser } from '../../../server/vsee/schemas';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { encode, setup, SSO_HEADERS, T0_SEC, type Encoding, type Raw } from './support';

const person = { first_name: 'Ana', last_name: 'Silva', dob: '1990-01-01', email: 'ana@example.com', type: 200 };

describe('POST /users/sso', () => {
  it('returns the same user for the same code, with a new 24 h token each time', async () => {
    const t = setup();
    const post = (encoding: Encoding) => {
      const { headers, body } = encode({ ...person, code: 'clinic-user-1' }, encoding);
      return t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    };
    const a: Raw = await (await post('json')).json();
    t.clock.ms += 60_000;
    const b: Raw = await (await post('json')).json();
    expect(b.data.id).toBe(a.data.id);
    expect(b.data.token.token).not.toBe(a.data.token.token);
    expect(a.data.token.token).toMatch(/^[0-9a-f]{32}$/);
    expect(a.data.token.expiry).toBe(T0_SEC + 86_400);
    expect(b.data.token.expiry).toBe(T0_SEC + 60 + 86_400);
    expect(a.data.token.refresh_token.expiry).toBe(T0_SEC + 30 * 86_400);
    expect(a.data.token.refresh_token.created).toBe(T0_SEC);
    // both tokens work
    expect((await t.get('/visits', a.data.token.token)).status).toBe(200);
    expect((await t.get('/visits', b.data.token.token)).status).toBe(200);
  });

  it('is shaped like the documented sample: string ids, numeric expiry', async () => {
    const t = setup();
    const { raw } = await t.sso({ ...person, code: 'shape-1' });
    const d = raw.data;
    expect(typeof d.id).toBe('string');
    expect(d.id).toMatch(/^\d+$/);
    expect(Number(d.id)).toBeGreaterThanOrEqual(10001);
    expect(d.token.user_id).toBe(d.id);
    expect(d.token.refresh_token.user_id).toBe(d.id);
    expect(typeof d.token.expiry).toBe('number');
    expect(d).toMatchObject({ code: 'shape-1', first_name: 'Ana', last_name: 'Silva', dob: '1990-01-01', email: 'ana@example.com', active: true, tos: false, subtype: '' });
    expect(d.username).toMatch(/^[0-9a-f]{32}$/);
    expect(d.vseeid).toContain(d.username);
    const parsed = envelope(ssoUser).parse(raw);
    expect(parsed.data.id).toBe(d.id);
    expect(parsed.data.token.expiry).toBe(T0_SEC + 86_400);
  });

  it('accepts JSON, form-urlencoded and multipart bodies alike', async () => {
    const t = setup();
    const ids: string[] = [];
    for (const enc of ['json', 'form', 'multipart'] as const) {
      const { headers, body } = encode({ ...person, first_name: `Ana-${enc}`, code: 'same-code' }, enc);
      const res = await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
      expect(res.status).toBe(200);
      const json: Raw = await res.json();
      expect(json.data.first_name).toBe(`Ana-${enc}`);
      ids.push(json.data.id);
    }
    expect(new Set(ids).size).toBe(1);
  });

  it('accepts the .json suffix', async () => {
    const t = setup();
    const { headers, body } = encode({ ...person, code: 'suffix' }, 'multipart');
    const res = await t.request('/api_v3/users/sso.json', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    expect(res.status).toBe(200);
    const { token }: { token: string } = ((await res.json()) as Raw).data.token;
    expect((await t.get('/visits.json', token)).status).toBe(200);
  });

  it('gives different codes different users and guests a generated code', async () => {
    const t = setup();
    const a = await t.sso({ code: 'one' });
    const b = await t.sso({ code: 'two' });
    expect(a.id).not.toBe(b.id);
    const { headers, body } = encode({ first_name: 'Gus', last_name: 'Guest', type: 600 }, 'json');
    const res = await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    const guest: Raw = await res.json();
    expect(res.status).toBe(200);
    expect(guest.data.code).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['without X-ApiKey', { 'X-ApiSecret': SANDBOX.apiSecret }, 401],
    ['without X-ApiSecret', { 'X-ApiKey': SANDBOX.apiKey }, 401],
    ['with a wrong secret', { 'X-ApiKey': SANDBOX.apiKey, 'X-ApiSecret': 'nope' }, 403],
    ['with a wrong key', { 'X-ApiKey': 'nope', 'X-ApiSecret': SANDBOX.apiSecret }, 403],
  ])('refuses a call %s', async (_name, keyHeaders, status) => {
    const t = setup();
    const { headers, body } = encode({ ...person, code: 'x' }, 'json');
    const res = await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...keyHeaders }, body });
    expect(res.status).toBe(status);
    const json: Raw = await res.json();
    expect(json.code).toBe(status);
    expect(json.message).toMatch(/X-Api|API key/);
    expect(t.sandbox.store.userByCode('x')).toBeUndefined();
  });

  it.each([
    ['first_name', { last_name: 'S', code: 'c' }],
    ['last_name', { first_name: 'A', code: 'c' }],
    ['code', { first_name: 'A', last_name: 'S', type: 200 }],
  ])('answers 400 naming a missing %s', async (name, fields) => {
    const t = setup();
    const { headers, body } = encode(fields, 'multipart');
    const res = await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, message: `${name} is required` });
  });

  it('refuses a code longer than 128 characters and a bad type', async () => {
    const t = setup();
    const cases: Array<Record<string, string | number>> = [{ code: 'x'.repeat(129) }, { code: 'ok', type: 300 }];
    for (const fields of cases) {
      const { headers, body } = encode({ first_name: 'A', last_name: 'B', ...fields }, 'json');
      const res = await t.request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
      expect(res.status).toBe(400);
    }
  });

  it('adds the vsee block with ?fields=vsee', async () => {
    const t = setup();
    const { headers, body } = encode({ ...person, code: 'v' }, 'json');
    const res = await t.request('/api_v3/users/sso?fields=vsee', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body });
    const json: Raw = await res.json();
    expect(json.data.vsee.id).toBe(json.data.vseeid);
    expect(json.data.vsee.token).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('API authentication', () => {
  it('answers 401 without a token, with an unknown one and with an expired one', async () => {
    const t = setup();
    const unauthorised = { code: 401, message: 'Invalid or expired token' };
    const none = await t.get('/visits', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(unauthorised);
    const bogus = await t.get('/visits', 'f'.repeat(32));
    expect(bogus.status).toBe(401);

    const { token } = await t.sso();
    t.clock.ms += 86_399_000;
    expect((await t.get('/visits', token)).status).toBe(200);
    t.clock.ms += 1_000;
    const expired = await t.get('/visits', token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual(unauthorised);
  });

  it('refuses an unknown X-AccountCode but allows it blank or absent', async () => {
    const t = setup();
    const { token } = await t.sso();
    const wrong = await t.request('/api_v3/visits', { headers: { 'X-ApiToken': token, 'X-AccountCode': 'other' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ code: 400, message: 'Unknown account code' });
    expect((await t.request('/api_v3/visits', { headers: { 'X-ApiToken': token, 'X-AccountCode': '' } })).status).toBe(200);
    expect((await t.request('/api_v3/visits', { headers: { 'X-ApiToken': token } })).status).toBe(200);
  });

  it('answers unknown paths with VSee’s 404 body and bad JSON with 400', async () => {
    const t = setup();
    const res = await t.get('/nothing/here', null);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, message: 'Sorry, this page is not available.' });
    const bad = await t.request('/api_v3/users/sso', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...SSO_HEADERS },
      body: '{"first_name":',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Raw).message).toMatch(/JSON/);
  });
});
