import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { availabilitySlot, envelope } from '../../../server/vsee/schemas';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { CONSULTATIONS } from '../../../server/vsee-sandbox/seed';
import { laMarch, setup, T0, T0_SEC, type Raw } from './support';

const OKAFOR = '10001';
const HERRERA = '10002';
const CHEN = '10003';
const DAY = 86_400;

describe('GET /availability', () => {
  it('answers in the documented shape: numeric times, string provider ids', async () => {
    const t = setup();
    const { token } = await t.sso();
    const res = await t.get(`/availability?start=${T0_SEC}&end=${T0_SEC + 7 * DAY}`, token);
    expect(res.status).toBe(200);
    const raw: Raw = await res.json();
    expect(raw.data.length).toBeGreaterThan(0);
    expect(typeof raw.data[0].start).toBe('number');
    expect(typeof raw.data[0].end).toBe('number');
    expect(typeof raw.data[0].providers[0]).toBe('string');
    const parsed = envelope(z.array(availabilitySlot)).parse(raw);
    expect(parsed.data).toHaveLength(raw.data.length);
  });

  it('lists each future 15-minute slot once, sorted, with its free providers', async () => {
    const t = setup();
    const { token } = await t.sso();
    const slots = await t.slots(token, T0_SEC - DAY, T0_SEC + 14 * DAY);
    const starts = slots.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
    for (const s of slots) {
      expect(s.start).toBeGreaterThan(T0_SEC);
      expect(s.end - s.start).toBe(900);
      expect(s.start % 900).toBe(0);
      expect(s.providers.length).toBeGreaterThan(0);
    }
    const at = (sec: number) => slots.find((s) => s.start === sec)?.providers;
    // Now is Wed 10:00: the 10:00 slot has begun, 10:15 is free with Dr. Okafor.
    expect(at(laMarch(5, 10))).toBeUndefined();
    expect(at(laMarch(5, 10, 15))).toEqual([OKAFOR]);
    // Thursday: Okafor's 09:00 and Chen's 08:30 are seeded appointments.
    expect(at(laMarch(6, 8, 30))).toBeUndefined();
    expect(at(laMarch(6, 9))).toEqual([CHEN]);
    expect(at(laMarch(6, 9, 15))).toEqual([OKAFOR, CHEN]);
    expect(at(laMarch(6, 13))).toEqual([HERRERA, CHEN]);
    expect(at(laMarch(6, 16, 45))).toEqual([HERRERA]);
    expect(at(laMarch(6, 17))).toBeUndefined();
    // Friday 14:00 is Herrera's seeded appointment.
    expect(at(laMarch(7, 14))).toBeUndefined();
    // No one works at the weekend.
    expect(slots.filter((s) => s.start >= laMarch(8, 0) && s.start < laMarch(10, 0))).toEqual([]);
    // After the DST change, 09:00 local is 16:00 UTC.
    expect(at(laMarch(10, 9))).toEqual([OKAFOR]);
    expect(laMarch(10, 9) % DAY).toBe(16 * 3600);
  });

  it('is never empty for the next 14 days, whatever the day of the week', async () => {
    for (let d = 0; d < 7; d++) {
      for (const hour of [0, 12, 23]) {
        const startMs = T0 + d * DAY * 1000 + hour * 3_600_000;
        const t = setup(startMs);
        const { token } = await t.sso();
        const now = startMs / 1000;
        const slots = await t.slots(token, now, now + 14 * DAY);
        expect(slots.length, `day ${d} hour ${hour}`).toBeGreaterThan(20);
      }
    }
  });

  it('accepts a POST with a form body, as the doc’s curl -d sends it', async () => {
    const t = setup();
    const { token, id } = await t.sso();
    const viaGet = await t.slots(token, T0_SEC, T0_SEC + 2 * DAY);
    const res = await t.post('/availability', token, { member_id: id, start: T0_SEC, end: T0_SEC + 2 * DAY }, 'form');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Raw).data).toEqual(viaGet);
  });

  it('filters by provider and sizes slots by consultation', async () => {
    const t = setup();
    const { token } = await t.sso();
    const chen = await t.slots(token, T0_SEC, T0_SEC + 7 * DAY, `&provider_id=${CHEN}`);
    expect(chen.length).toBeGreaterThan(0);
    expect(chen.every((s) => s.providers.length === 1 && s.providers[0] === CHEN)).toBe(true);
    const long = await t.slots(token, T0_SEC, T0_SEC + 7 * DAY, `&consultation_id=${CONSULTATIONS[1].id}`);
    expect(long.every((s) => s.end - s.start === 1800)).toBe(true);
    // Okafor's last 30-minute slot on Wednesday starts at 11:30.
    expect(long.some((s) => s.start === laMarch(5, 11, 30) && s.providers.includes(OKAFOR))).toBe(true);
    expect(long.some((s) => s.start === laMarch(5, 11, 45))).toBe(false);
    const intakeId = await t.intake(token, { type: 2, consultation: CONSULTATIONS[1].id });
    const viaIntake = await t.slots(token, T0_SEC, T0_SEC + 7 * DAY, `&intake_id=${intakeId}`);
    expect(viaIntake).toEqual(long);
  });

  it('requires start and end, and a token or the app key', async () => {
    const t = setup();
    const { token } = await t.sso();
    const noStart = await t.get(`/availability?end=${T0_SEC + DAY}`, token);
    expect(noStart.status).toBe(400);
    expect(((await noStart.json()) as Raw).message).toMatch(/start/);
    const noEnd = await t.get(`/availability?start=${T0_SEC}`, token);
    expect(noEnd.status).toBe(400);
    expect(((await noEnd.json()) as Raw).message).toMatch(/end/);
    expect((await t.get(`/availability?start=${T0_SEC + DAY}&end=${T0_SEC}`, token)).status).toBe(400);
    expect((await t.get(`/availability?start=${T0_SEC}&end=${T0_SEC + DAY}`, null)).status).toBe(401);
    const withKey = await t.request(`/api_v3/availability?start=${T0_SEC}&end=${T0_SEC + DAY}`, {
      headers: { 'X-AccountCode': SANDBOX.accountCode, 'X-ApiKey': SANDBOX.apiKey },
    });
    expect(withKey.status).toBe(200);
    const wrongKey = await t.request(`/api_v3/availability?start=${T0_SEC}&end=${T0_SEC + DAY}`, {
      headers: { 'X-AccountCode': SANDBOX.accountCode, 'X-ApiKey': 'nope' },
    });
    expect(wrongKey.status).toBe(403);
  });

  it('refuses someone else’s intake', async () => {
    const t = setup();
    const a = await t.sso();
    const b = await t.sso();
    const intakeId = await t.intake(a.token);
    expect((await t.get(`/availability?start=${T0_SEC}&end=${T0_SEC + DAY}&intake_id=${intakeId}`, b.token)).status).toBe(404);
  });
});
