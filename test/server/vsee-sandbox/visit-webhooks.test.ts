/**
 * The sandbox's visit webhooks (reference §8): which changes send which event (§8.3's trigger
 * table), in the v1 or v2 envelope field for field as the documented samples, after the answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { webhookEnvelope, visitEventData } from '../../../server/vsee/insurance';
import { createSandbox } from '../../../server/vsee-sandbox';
import { SANDBOX } from '../../../server/vsee-sandbox/credentials';
import { encode, SSO_HEADERS, T0, type Raw } from './support';

const FIXTURES = join(import.meta.dirname, '../../fixtures/vsee');
const sample = (v: 1 | 2) => JSON.parse(readFileSync(join(FIXTURES, `webhook-visit-ended-v${v}.json`), 'utf8')) as Raw;

/** A sandbox whose "admin panel" webhook URL is a recorder. */
function withReceiver() {
  const received: Raw[] = [];
  const sandbox = createSandbox({
    now: () => T0,
    webhook: { url: 'https://clinic.example/webhooks/vsee/x', fetch: async (req) => (received.push(await req.json()), new Response('{}')) },
  });
  const host = new Hono().route('/sandbox', sandbox.app);
  const request = (path: string, init?: RequestInit) => host.request(`/sandbox${path}`, init);
  const api = async (path: string, token: string, fields: Record<string, string>) => {
    const { headers, body } = encode(fields, 'json');
    const res = await request(`/api_v3${path}`, { method: 'POST', headers: { ...headers, 'X-ApiToken': token, 'X-AccountCode': SANDBOX.accountCode }, body });
    expect(res.status, path).toBe(200);
    return ((await res.json()) as Raw).data;
  };
  const walkin = async () => {
    const { headers, body } = encode({ first_name: 'Pat', last_name: 'Hook', code: `hook-${Math.random()}`, type: 200 }, 'json');
    const sso: Raw = await (await request('/api_v3/users/sso', { method: 'POST', headers: { ...headers, ...SSO_HEADERS }, body })).json();
    const token = sso.data.token.token as string;
    const intake = await api('/intakes', token, { type: '1', reason_for_visit: 'Cough', room_code: SANDBOX.roomCode });
    const visit = await api('/visits/add_walkin', token, { intake_id: String(intake.id), room_code: SANDBOX.roomCode });
    return { token, memberId: String(sso.data.id), visitId: String(visit.id) };
  };
  const provider = async (action: 'start' | 'complete', id: string) =>
    expect((await request(`/vc/providers/visits/${id}/${action}`, { method: 'POST' })).status).toBe(303);
  return { sandbox, received, walkin, provider, api };
}

const shape = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? 'null' : typeof v]));

describe('visit webhooks', () => {
  it('walk-in joins → visit.created; provider starts → visit.updated; completes → visit.ended', async () => {
    const t = withReceiver();
    const w = await t.walkin();
    expect(t.received).toEqual([]); // sent after the answer, not inside it
    await t.sandbox.outbox.flush();
    await t.provider('start', w.visitId);
    await t.provider('complete', w.visitId);
    await t.sandbox.outbox.flush();
    expect(t.received.map((e) => [e.type, e.data.id, e.data.status])).toEqual([
      ['visit.created', w.visitId, '10'],
      ['visit.updated', w.visitId, '30'],
      ['visit.ended', w.visitId, '40'],
    ]);
    expect(new Set(t.received.map((e) => e.id)).size).toBe(3); // a delivery id each
    for (const e of t.received) {
      expect(e.account_code).toBe(SANDBOX.accountCode);
      expect(e.data.member_id).toBe(w.memberId);
      // What frontdesk's receiver reads, it can read.
      expect(webhookEnvelope.safeParse(e).success).toBe(true);
      expect(visitEventData.safeParse(e.data).success).toBe(true);
    }
  });

  it('v1 is the documented sample field for field: string times and status, completed_by', async () => {
    const t = withReceiver();
    const w = await t.walkin();
    await t.provider('start', w.visitId);
    await t.provider('complete', w.visitId);
    await t.sandbox.outbox.flush();
    const ended = t.received.at(-1);
    const doc = sample(1);
    expect(Object.keys(ended).sort()).toEqual(Object.keys(doc).sort());
    expect(shape(ended)).toEqual(shape(doc));
    expect(Object.keys(ended.data).sort()).toEqual(Object.keys(doc.data).sort());
    expect({ ...shape(ended.data), provider_id: 'null' }).toEqual(shape(doc.data)); // the sample's is null; ours names the provider
    expect(ended.version).toBe('1.0');
  });

  it('v2 ("beta") is its sample field for field: clinic_code, number times, status words, status_updated_by', async () => {
    const t = withReceiver();
    t.sandbox.outbox.version = '2';
    const w = await t.walkin();
    await t.api('/visits/close', w.token, { id: w.visitId, reason: 'patient_exit_room' });
    await t.sandbox.outbox.flush();
    const [created, ended] = t.received;
    expect(created.type).toBe('visit.created');
    expect(created.data.status).toBe('pending');
    const doc = sample(2);
    expect(Object.keys(ended).sort()).toEqual(Object.keys(doc).sort());
    expect(Object.keys(ended.data).sort()).toEqual(Object.keys(doc.data).sort());
    expect(ended).toMatchObject({ version: '2.0', type: 'visit.ended', clinic_code: SANDBOX.accountCode });
    expect(ended.data).toMatchObject({ id: w.visitId, status: 'cancelled', status_updated_by: w.memberId, actual_start: null });
    expect(typeof ended.data.start).toBe('number');
  });

  it('no webhook URL, or delivery switched off: nothing is sent', async () => {
    const t = withReceiver();
    t.sandbox.outbox.enabled = false;
    const w = await t.walkin();
    await t.provider('start', w.visitId);
    await t.sandbox.outbox.flush();
    expect(t.received).toEqual([]);
    expect(t.sandbox.outbox.deliveries).toEqual([]);
  });
});
