/**
 * What issue #16 needs of the sandbox: the room's consultation types (with a phone one), its
 * providers with photos, availability and bookings that follow the chosen type and provider,
 * custom intake fields echoed back, and visit subtypes.
 */
import { describe, expect, it } from 'vitest';
import { VISIT_SUBTYPE } from '../../../server/vsee/codes';
import { CONSULTATIONS } from '../../../server/vsee-sandbox/seed';
import { laMarch, setup, T0_SEC, type Raw } from './support';

const [FIFTEEN, THIRTY, PHONE] = CONSULTATIONS;
const OKAFOR = '10001';
const HERRERA = '10002';
const CHEN = '10003';
const DAY = 86_400;

async function dataOf(res: Response): Promise<Raw> {
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as Raw).data;
}

describe('sandbox consultation types, providers, custom fields and subtypes', () => {
  it('lists three consultation types with ids, lengths, prices and the phone one marked', async () => {
    const t = setup();
    const room = await dataOf(await t.request('/api_v3/rooms/sandbox', { headers: { 'X-AccountCode': 'demo' } }));
    expect(room.payment.consultations).toEqual([
      { id: FIFTEEN.id, description: '15-min Consultation', duration: 15, amount: 49, group: false, charge: true, slots: 1 },
      { id: THIRTY.id, description: '30-min Consultation', duration: 30, amount: 89, group: false, charge: true, slots: 1 },
      { id: PHONE.id, description: 'Phone call (15 min)', duration: 15, amount: 0, group: false, charge: false, slots: 1, subtype: VISIT_SUBTYPE.phone },
    ]);
  });

  it('lists the room providers publicly, with a photo link for those who have one', async () => {
    const t = setup();
    const list = await dataOf(await t.request('/api_v3/rooms/sandbox/providers', { headers: { 'X-AccountCode': 'demo' } }));
    expect(list.map((p: Raw) => [p.id, p.first_name, p.last_name])).toEqual([
      [OKAFOR, 'Amara', 'Okafor'],
      [HERRERA, 'Luis', 'Herrera'],
      [CHEN, 'Mei', 'Chen'],
    ]);
    const herrera = list.find((p: Raw) => p.id === HERRERA);
    expect(herrera.photo).toBeNull();
    const okafor = list.find((p: Raw) => p.id === OKAFOR);
    expect(okafor.photo).toMatch(/^http:\/\/localhost:8080\/sandbox\/api_v3\/files\/index\/app_user\/photo\/10001\/\?auth_code=[0-9a-f]{40}$/);
    const link = new URL(okafor.photo as string);
    const img = await t.host.request(link.pathname + link.search);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/svg+xml');
    expect(await img.text()).toContain('>AO</text>');
  });

  it('sizes slots by the consultation and keeps to the chosen provider', async () => {
    const t = setup();
    const { token } = await t.sso();
    const week = `&consultation_id=${THIRTY.id}&provider_id=${CHEN}`;
    const slots = await t.slots(token, T0_SEC, T0_SEC + 7 * DAY, week);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.end - s.start === 1800 && s.providers.join() === CHEN)).toBe(true);
    // Chen works Tue/Thu 08–16: the last 30-minute slot on Thursday the 6th starts at 15:30.
    expect(slots.at(-1 - slots.filter((s) => s.start > laMarch(6, 16)).length)?.start).toBe(laMarch(6, 15, 30));
  });

  it('books a phone-type appointment as subtype 2, and a plain one as video (3)', async () => {
    const t = setup();
    const { token } = await t.sso();
    const phoneIntake = await t.intake(token, { type: 2, consultation: PHONE.id, phone: '5105550100' });
    const phone = await dataOf(
      await t.post('/visits', token, { slot_start: laMarch(6, 10), slot_end: laMarch(6, 10, 15), type: 2, intake_id: phoneIntake, provider_id: CHEN }),
    );
    expect(phone.subtype).toBe(VISIT_SUBTYPE.phone);
    expect(phone.provider_id).toBe(Number(CHEN));
    expect((await dataOf(await t.get(`/visits/${phone.id}`, token))).subtype).toBe(VISIT_SUBTYPE.phone);
    const listed = (await dataOf(await t.get('/visits', token))) as Raw[];
    expect(listed.find((v) => String(v.id) === String(phone.id))?.subtype).toBe(String(VISIT_SUBTYPE.phone));

    const videoIntake = await t.intake(token, { type: 2 });
    const video = await dataOf(await t.post('/visits', token, { slot_start: laMarch(6, 11), slot_end: laMarch(6, 11, 15), type: 2, intake_id: videoIntake }));
    expect(video.subtype).toBe(VISIT_SUBTYPE.video);
  });

  it('refuses a 30-minute type booked into a 15-minute slot', async () => {
    const t = setup();
    const { token } = await t.sso();
    const intakeId = await t.intake(token, { type: 2, consultation: THIRTY.id });
    const booked = await t.post('/visits', token, { slot_start: laMarch(6, 10), slot_end: laMarch(6, 10, 30), type: 2, intake_id: intakeId });
    expect(booked.status).toBe(200);
    expect(((await booked.json()) as Raw).data.end - laMarch(6, 10)).toBe(1800);
  });

  it('echoes custom_* fields on create and on GET /intakes/:id, as sent', async () => {
    const t = setup();
    const { token } = await t.sso();
    const custom = { custom_is_allergic: 'Yes', custom_symptoms: 'Rash, Red Eyes', custom_symptoms_duration: '2 weeks' };
    const created = await dataOf(await t.post('/intakes', token, { type: 2, reason_for_visit: 'Rash', ...custom }, 'form'));
    expect(created).toEqual({ id: created.id, ...custom });
    const read = await dataOf(await t.get(`/intakes/${created.id as string}`, token));
    expect(read).toMatchObject({ ...custom, reason_for_visit: 'Rash', type: '2' });
    // An update adds or replaces custom fields; the rest stay.
    await dataOf(await t.post(`/intakes/${created.id as string}`, token, { custom_symptoms: 'Rash' }, 'json'));
    expect(await dataOf(await t.get(`/intakes/${created.id as string}`, token))).toMatchObject({ ...custom, custom_symptoms: 'Rash' });
  });
});
