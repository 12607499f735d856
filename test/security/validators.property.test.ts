/**
 * Property tests over every /api body and query validator: whatever arrives (any JSON value, raw
 * text, huge strings, deep nesting, the right keys with the wrong values, prototype-pollution
 * keys), the answer is never a 5xx, never a stack trace, and always the contract's error or
 * success shape.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiError, availability, handoff, intake, invite, session, visit } from '../../src/api/contract';
import { browser, guestWithIntake, makeServer, newKey, type Browser, joinWalkin } from '../support/server';

const RUNS = 150;

// ---- generators --------------------------------------------------------------------------

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Values: plausible ones, wrong types, huge and odd strings, nested objects. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '', ' ', 'walkin', 'appointment', 'econsult', 'dashboard', 'visit', 'CA', '1985-04-12', '2999-01-01', 'ada@example.com',
    '2030-01-01T10:00:00Z', '2030-01-01T10:15:00.000Z', 'not-a-date', '67258', 'visit:67258', '../../etc/passwd', '//evil.example',
    'patient_exit_room', 'max_waiting_time_reached', '<script>alert(1)</script>', '\u0000', '\ud800', 'NaN', '-1', '1e309',
  ),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.constant(-0),
);

/** JSON text of an object with these keys (and pollution keys) as its own keys, values arbitrary. */
function objectText(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...keys, ...POLLUTION_KEYS), fc.string({ maxLength: 12 }));
  return fc
    .array(fc.tuple(key, fc.oneof(anyValue, fc.constant({ polluted: true, isAdmin: true }))), { maxLength: 8 })
    .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`);
}

/** Any body text: field-shaped objects, any JSON value, raw text, deep nesting, huge bodies. */
function bodyText(keys: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: objectText(keys) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 15_000, max: 40_000 }).map((n) => JSON.stringify({ [keys[0] ?? 'x']: 'y'.repeat(n) })) },
  );
}

/** A query string with these keys (repeated, missing, polluting) and arbitrary values. */
function queryText(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...keys, ...POLLUTION_KEYS, 'member_id', 'code'), fc.string({ maxLength: 10 }));
  const value = fc.oneof(fc.string({ maxLength: 60 }), anyValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')));
  return fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString());
}

/** A path segment: ids, tricks, anything, encoded. */
const pathId: fc.Arbitrary<string> = fc
  .oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('67258', '..', '%2e%2e', '0', 'visit:1', 'a'.repeat(500)))
  .map((s) => encodeURIComponent(s));

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,160}$/);

// ---- checking an answer ------------------------------------------------------------------

/** No 5xx, no stack trace, and the contract's shape: its error, or the route's success. */
async function check(res: Response, success: z.core.$ZodType | 'pdf') {
  expect(res.status).toBeLessThan(500);
  if (success === 'pdf' && res.ok) {
    expect(res.headers.get('Content-Type')).toMatch(/^application\/pdf/);
    return;
  }
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at |Error: |node_modules|\/server\//);
  const json: unknown = JSON.parse(text);
  if (res.ok && success !== 'pdf') expect(z.safeParse(success, json).success).toBe(true);
  else expect(apiError.safeParse(json).success).toBe(true);
}

// ---- the routes --------------------------------------------------------------------------

interface Fixture {
  b: Browser;
  intakeId: string;
  visitId: string;
}

let fx: Fixture;
let server: ReturnType<typeof makeServer>;

beforeAll(async () => {
  // Limits off: this is about validators, not about being throttled after the first 60 calls.
  server = makeServer({ RATE_LIMIT_SESSIONS: '0', RATE_LIMIT_MUTATIONS: '0' });
  const b = browser(server);
  const v = await joinWalkin(b);
  const intakeId = await (async () => {
    const r = await b.post('/api/intakes', { kind: 'appointment', reason: 'Fuzz', state: 'CA' });
    return ((await r.json()) as { id: string }).id;
  })();
  fx = { b, intakeId, visitId: v.id };
});

afterAll(() => {
  // Nothing leaked onto Object.prototype, whatever was sent.
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
});

/** POST raw text as JSON from the signed-in browser (session and CSRF header as the SPA sends them). */
function post(path: string, text: string, headers: Record<string, string> = {}) {
  const h = new Headers({ 'Content-Type': 'application/json', 'X-Frontdesk': '1', Origin: 'http://localhost:8080', ...headers });
  h.set('Cookie', [...fx.b.jar].map(([k, v]) => `${k}=${v}`).join('; '));
  return server.app.request(path, { method: 'POST', headers: h, body: text });
}

const BODY_ROUTES: [string, () => string, string[], z.core.$ZodType, boolean][] = [
  ['POST /api/session/guest', () => '/api/session/guest', ['firstName', 'lastName', 'dob', 'email', 'phone'], session, false],
  ['POST /api/session/launch', () => '/api/session/launch', ['token'], session, false],
  ['POST /api/intakes', () => '/api/intakes', ['kind', 'reason', 'state', 'phone'], intake, false],
  ['POST /api/appointments', () => '/api/appointments', ['intakeId', 'start', 'end'], visit, true],
  ['POST /api/walkins', () => '/api/walkins', ['intakeId'], visit, true],
  ['POST /api/econsults', () => '/api/econsults', ['intakeId'], visit, true],
  ['POST /api/visits/:id/reschedule', () => `/api/visits/${fx.visitId}/reschedule`, ['start', 'end'], visit, true],
  ['POST /api/visits/:id/cancel', () => `/api/visits/${fx.visitId}/cancel`, ['reason'], visit, false],
  ['POST /api/visits/:id/invite', () => `/api/visits/${fx.visitId}/invite`, ['visitId'], invite, false],
  ['POST /api/handoff', () => '/api/handoff', ['target', 'visitId'], handoff, false],
];

describe('every body validator', () => {
  it.each(BODY_ROUTES)('%s: any body → no 5xx, contract shape', async (_name, path, keys, success, keyed) => {
    await fc.assert(
      fc.asyncProperty(
        bodyText(keys),
        fc.option(headerValue, { nil: undefined }),
        fc.boolean(),
        // With the session's real intake id swapped in, some bodies get past validation into the route.
        async (text, key, useRealIntake) => {
          const body = useRealIntake ? text.replace(/"intakeId":"(?:[^"\\]|\\.)*"/g, `"intakeId":"${fx.intakeId}"`) : text;
          const headers: Record<string, string> = keyed ? { 'Idempotency-Key': key ?? newKey() } : {};
          await check(await post(path(), body, headers), success);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('every query and path validator', () => {
  it('GET /api/availability: any query → no 5xx, contract shape', async () => {
    await fc.assert(
      fc.asyncProperty(queryText(['from', 'to', 'intakeId', 'visitId']), async (q) => {
        await check(await fx.b.get(`/api/availability?${q}`), availability);
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/availability: well-formed but odd windows → no 5xx', async () => {
    const iso = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    const search = fc.constantFrom<Record<string, string>>({ intakeId: fx.intakeId }, { visitId: fx.visitId }, { intakeId: 'nope' }, { visitId: 'nope' });
    await fc.assert(
      fc.asyncProperty(iso, iso, search, async (from, to, which) => {
        await check(await fx.b.get(`/api/availability?${new URLSearchParams({ from, to, ...which })}`), availability);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['GET /api/visits/:id', (id: string) => `/api/visits/${id}`, visit as z.core.$ZodType | 'pdf'],
    ['GET /api/visits/:id/summary', (id: string) => `/api/visits/${id}/summary`, 'pdf' as const],
  ])('%s: any id → no 5xx, contract shape', async (_name, path, success) => {
    await fc.assert(
      fc.asyncProperty(pathId, async (id) => {
        await check(await fx.b.get(path(id)), success);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /api/visits/:id/cancel: any id and body → no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(pathId, bodyText(['reason']), async (id, text) => {
        await check(await post(`/api/visits/${id}/cancel`, text), visit);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a fresh guest per run', () => {
  it('booking flows with arbitrary intakes never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(objectText(['kind', 'reason', 'state', 'phone']), async (text) => {
        const b = browser(server);
        const id = await guestWithIntake(b, 'walkin').catch(() => null);
        expect(id).not.toBeNull();
        const h = new Headers({ 'Content-Type': 'application/json', 'X-Frontdesk': '1', Origin: 'http://localhost:8080' });
        h.set('Cookie', [...b.jar].map(([k, v]) => `${k}=${v}`).join('; '));
        await check(await server.app.request('/api/intakes', { method: 'POST', headers: h, body: text }), intake);
      }),
      { numRuns: 40 },
    );
  });
});
