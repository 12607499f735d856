import { describe, expect, it } from 'vitest';
import { envelope, intakeCreated } from '../../../server/vsee/schemas';
import { CONSULTATIONS } from '../../../server/vsee-sandbox/seed';
import { setup, T0_SEC, type Raw } from './support';

describe('intakes', () => {
  it('creates an intake, echoing custom fields, and reads it back in the sample shape', async () => {
    const t = setup();
    const { token, id: userId } = await t.sso();
    const res = await t.post(
      '/intakes',
      token,
      { type: 1, reason_for_visit: 'Rash', room_code: 'sandbox', location: 'CA', phone: '7123465789', custom_symptoms: 'Red eyes' },
      'json',
    );
    expect(res.status).toBe(200);
    const created: Raw = await res.json();
    expect(created.data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.data).toEqual({ id: created.data.id, custom_symptoms: 'Red eyes' });
    expect(envelope(intakeCreated).parse(created).data.id).toBe(created.data.id);

    const read: Raw = await (await t.get(`/intakes/${created.data.id}`, token)).json();
    expect(read.data).toMatchObject({
      id: created.data.id,
      type: '1',
      reason_for_visit: 'Rash',
      location: 'CA',
      phone: '7123465789',
      room_code: 'sandbox',
      member_id: userId,
      custom_symptoms: 'Red eyes',
      created: T0_SEC,
      modified: T0_SEC,
      attachments: [],
    });
    expect(typeof read.data.created).toBe('number');
  });

  it('updates an intake (multipart, .json path) including the consultation', async () => {
    const t = setup();
    const { token } = await t.sso();
    const id = await t.intake(token, { type: 2 });
    t.clock.ms += 30_000;
    const thirty = CONSULTATIONS[1].id;
    const res = await t.post(`/intakes/${id}.json`, token, { location: 'NY', phone: '5550001111', consultation: thirty });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { id } });
    const read: Raw = await (await t.get(`/intakes/${id}`, token)).json();
    expect(read.data).toMatchObject({ location: 'NY', phone: '5550001111', type: '2', modified: T0_SEC + 30, created: T0_SEC });
    expect(read.data.consultation).toMatchObject({ id: thirty, duration: 30 });

    const bad = await t.post(`/intakes/${id}`, token, { consultation: 'no-such-consultation' });
    expect(bad.status).toBe(400);
  });

  it('accepts the consultation as a JSON object', async () => {
    const t = setup();
    const { token } = await t.sso();
    const res = await t.request('/api_v3/intakes', {
      method: 'POST',
      headers: { 'X-ApiToken': token, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 2, consultation: { id: CONSULTATIONS[0].id, description: 'x' } }),
    });
    const id = ((await res.json()) as Raw).data.id as string;
    const read: Raw = await (await t.get(`/intakes/${id}`, token)).json();
    expect(read.data.consultation.duration).toBe(15);
  });

  it('hides an intake from everyone but its owner', async () => {
    const t = setup();
    const owner = await t.sso();
    const other = await t.sso();
    const id = await t.intake(owner.token);
    const read = await t.get(`/intakes/${id}`, other.token);
    expect(read.status).toBe(404);
    expect(await read.json()).toEqual({ code: 404, message: 'Sorry, this page is not available.' });
    const update = await t.post(`/intakes/${id}`, other.token, { reason_for_visit: 'hijack' });
    expect(update.status).toBe(404);
    const mine: Raw = await (await t.get(`/intakes/${id}`, owner.token)).json();
    expect(mine.data.reason_for_visit).toBe('Sore throat');
  });

  it('validates type, room and token', async () => {
    const t = setup();
    const { token } = await t.sso();
    expect((await t.post('/intakes', token, { type: 7 }, 'json')).status).toBe(400);
    const room = await t.post('/intakes', token, { type: 1, room_code: 'nowhere' }, 'form');
    expect(room.status).toBe(404);
    expect(((await room.json()) as Raw).message).toBe('Room not found.');
    expect((await t.post('/intakes', null, { type: 1 }, 'json')).status).toBe(401);
    expect((await t.post('/intakes', token, { type: 1 }, 'form')).status).toBe(200);
  });
});
