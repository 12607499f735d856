/**
 * The schemas the proxy reads VSee with must accept every documented sample response as it is
 * (test/fixtures/vsee, see its README), and a VSee visit must map to the patient API's visit
 * with nothing else attached.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { visit as contractVisit } from '../../../src/api/contract';
import { presentVisit, toVisit } from '../../../server/proxy/visit-view';
import {
  availabilitySlot,
  closed,
  envelope,
  guestInvite,
  intakeCreated,
  room,
  ssoUser,
  visit,
  visitSummaryExport,
} from '../../../server/vsee/schemas';
import {
  eligibilityChecked,
  eligibilityState,
  eligibilityTriggered,
  insurers,
  meUser,
  userInsurances,
  visitEventData,
  webhookEnvelope,
} from '../../../server/vsee/insurance';

const DIR = join(import.meta.dirname, '../../fixtures/vsee');

function text(name: string): string {
  return readFileSync(join(DIR, `${name}.json`), 'utf8');
}
function fixture(name: string): unknown {
  return JSON.parse(text(name));
}

/** Which schema reads which sample; null where the proxy never reads that answer. */
const SCHEMA_OF: Record<string, z.ZodType | null> = {
  sso: ssoUser,
  'sso-insurance-flow': ssoUser,
  'intake-create': intakeCreated,
  'intake-create-custom-fields': intakeCreated,
  'intake-update': intakeCreated,
  'intake-get': intakeCreated,
  availability: z.array(availabilitySlot),
  'appointment-create': visit,
  'add-walkin': visit,
  'add-econsult': visit,
  'visits-list': z.array(visit),
  'visit-get': visit,
  'visit-current': visit,
  'visit-close': closed,
  'visit-summary-export': visitSummaryExport,
  'guest-invite': guestInvite,
  'room-create': room,
  'rooms-list': z.array(room),
  'room-providers': null, // GET /rooms/:code/providers: only the sandbox serves it to us
  insurers,
  'me-insurance': meUser,
  'eligibility-trigger': eligibilityTriggered,
  'user-insurances': userInsurances,
  // Webhook bodies: `data` here; the whole envelope is read below.
  'webhook-eligibility-checked': eligibilityChecked,
  'webhook-visit-ended-v1': visitEventData,
  'webhook-visit-ended-v2': visitEventData,
};

/** Object keys that occur twice in one object (JSON.parse would silently keep the last). */
function duplicateKeys(json: string): string[] {
  const dups: string[] = [];
  let i = 0;
  const skipWs = () => {
    while (/\s/.test(json[i] ?? '')) i++;
  };
  const readString = (): string => {
    const from = i;
    for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++;
    i++;
    return JSON.parse(json.slice(from, i)) as string;
  };
  const value = (path: string): void => {
    skipWs();
    const c = json[i];
    if (c === '{' || c === '[') {
      i++;
      const seen = new Set<string>();
      for (let n = 0; ; n++) {
        skipWs();
        if (json[i] === '}' || json[i] === ']') {
          i++;
          return;
        }
        if (json[i] === ',') i++;
        skipWs();
        if (c === '{') {
          const key = readString();
          if (seen.has(key)) dups.push(`${path}.${key}`);
          seen.add(key);
          skipWs();
          i++; // the colon
          value(`${path}.${key}`);
        } else {
          value(`${path}[${n}]`);
        }
      }
    }
    if (c === '"') readString();
    else while (/[^\s,\]}]/.test(json[i] ?? ' ')) i++;
  };
  value('$');
  return dups;
}

describe('VSee sample fixtures', () => {
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

  it('are all accounted for here and in the README', () => {
    expect(names).toEqual(Object.keys(SCHEMA_OF).sort());
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const name of names) expect(readme, name).toContain(`| \`${name}.json\` |`);
  });

  it('finds duplicate keys (the export damage the fixtures were repaired for)', () => {
    expect(duplicateKeys('{"a": {"b": 1, "c": [{"d": 1, "d": 2}]}, "e": "x,}", "a": null}')).toEqual(['$.a.c[0].d', '$.a']);
    expect(duplicateKeys('{"a": [1, 2], "b": {"a": 1}}')).toEqual([]);
  });

  it.each(Object.keys(SCHEMA_OF))('%s is whole JSON with a data member and no duplicate keys', (name) => {
    expect(duplicateKeys(text(name))).toEqual([]);
    expect(fixture(name)).toHaveProperty('data');
  });

  it.each(Object.entries(SCHEMA_OF).filter(([, s]) => s !== null))('%s parses with its schema', (name, schema) => {
    const result = envelope(schema as z.ZodType).safeParse(fixture(name));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

function parse<T extends z.ZodType>(schema: T, name: string): z.infer<T> {
  return (envelope(schema).parse(fixture(name)) as { data: z.infer<T> }).data;
}

describe('schemas read the samples’ quirks into one shape', () => {
  it('SSO: string id, numeric expiry, in both samples', () => {
    expect(parse(ssoUser, 'sso')).toEqual({
      id: '10008',
      first_name: 'John',
      last_name: 'Smith',
      token: { token: '0437c1ce3b7079906e2ff247aad1adda', expiry: 1473821786 },
    });
    expect(parse(ssoUser, 'sso-insurance-flow')).toMatchObject({ id: '132407', token: { token: 'xxxx', expiry: 1650021037 } });
  });

  it('intakes: the id, whatever else comes with it', () => {
    expect(parse(intakeCreated, 'intake-create')).toEqual({ id: '56e8c536-566c-44b6-bbca-66f0ac1f0144' });
    expect(parse(intakeCreated, 'intake-create-custom-fields')).toEqual({ id: '56e8c536-566c-44b6-bbca-66f0ac1f0144' });
    expect(parse(intakeCreated, 'intake-get')).toEqual({ id: '57b4c678-de20-4c1a-a52b-43e9ac1f0144' });
  });

  it('availability: numeric times, string provider ids', () => {
    expect(parse(z.array(availabilitySlot), 'availability')).toEqual([
      { start: 1470186000, end: 1470186900, providers: ['123', '345'] },
      { start: 1470186000, end: 1470186900, providers: ['123', '345'] },
    ]);
  });

  it('visits: ids and times as strings or numbers come out the same', () => {
    const walkin = parse(visit, 'add-walkin');
    expect(walkin).toMatchObject({ id: '1525', member_id: '508', provider_id: '509', start: 1458095488, end: 1458096388, type: 1, status: '10' });
    const booked = parse(visit, 'appointment-create');
    expect(booked).toMatchObject({ id: '18407167', member_id: '17778181', provider_id: '12456470', start: 1631628616, actual_start: 1631628211, type: 2, subType: 3, subtype: 3, status: 30 });
    expect(booked.one_time_link_token).toBe('l0vht6wkxj');
    const econsult = parse(visit, 'add-econsult');
    expect(econsult).toMatchObject({ id: '14814100', provider_id: '0', type: 3, subtype: 4, status: 20, intake_id: '6050d1a8-b120-45b4-a568-61a664457b11' });
    const current = parse(visit, 'visit-current');
    expect(current).toMatchObject({ id: '1504', actual_end: 1458024955, status: '40' });
  });

  it('close, guest invite, summary export and rooms', () => {
    expect(parse(closed, 'visit-close')).toEqual({ id: '1525' });
    expect(parse(guestInvite, 'guest-invite')).toEqual({ id: '8888', code: '63ac801a697049cbbf865d660a0300ce' });
    expect(parse(visitSummaryExport, 'visit-summary-export')).toEqual({ url: 'https://clinic.vsee.me/visits/exports/d6880792f1fa01****' });
    expect(parse(room, 'room-create')).toEqual({
      code: 'b4vjj',
      name: 'provider00102 room',
      payment: {
        consultations: [{ id: '5fb57ace-4808-4346-ad3c-3348925862c1', description: '15-min Consultation', duration: 15, amount: 0, group: false, charge: false, slots: 1 }],
        currency: 'USD',
      },
      visits: { walkin: { enabled: true }, appointment: { enabled: false } },
      operation_settings: {
        is_closed: false,
        close_msg: 'Service currently not available. Please check back later',
        default_timezone: 'America/Los_Angeles',
      },
    });
    expect(parse(z.array(room), 'rooms-list')).toEqual([{ code: 'room1_code', name: 'Room 1' }]);
  });

  it('new schemas refuse what they must not pass on', () => {
    expect(guestInvite.safeParse({ id: '8888', code: '../../u/clinic' }).success).toBe(false);
    expect(guestInvite.safeParse({ id: '8888', code: '' }).success).toBe(false);
    expect(visitSummaryExport.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
    expect(visitSummaryExport.safeParse({ url: 'not a url' }).success).toBe(false);
  });
});

describe('the insurance flow’s samples (seed 003, reference §8 and §10)', () => {
  it('insurers: ids and names as listed', () => {
    const list = parse(insurers, 'insurers').insurers;
    expect(list).toHaveLength(6);
    expect(list[5]).toEqual({ id: 'car7556', name: 'HEALTH CHOICE ARIZONA' });
  });

  it('POST /me answer: the cards as VSee echoes them, respparty under patient', () => {
    const me = parse(meUser, 'me-insurance');
    expect(me.insurance?.primary).toEqual({ carrier_code: 'car7556', subscriber_num: '234234', insurance_order: 1 });
    expect(me.insurance?.secondary).toMatchObject({ carrier_code: 'car11406', group_number: 'asdasd', subscriber_num: 'aaaaa' });
    expect(me.insurance?.patient?.respparty).toBe('self');
  });

  it('eligibility: the check id, and the webhook’s result in both envelopes', () => {
    expect(parse(eligibilityTriggered, 'eligibility-trigger')).toEqual({ eligibility_id: '2505465', carrier_code: 'car7556' });
    const hook = webhookEnvelope.parse(fixture('webhook-eligibility-checked'));
    expect(hook).toMatchObject({ type: 'eligibility.checked', created: 1649949363, account_code: 'vclinic' });
    expect(hook.version).toBeUndefined();
    const data = eligibilityChecked.parse(hook.data);
    expect(data).toEqual({ eligibility_id: '2505464', member_id: '132407', eligibility_response: 'No response received by clearinghouse', external_member_id: '5991794' });
    // The seed's only wording says no answer either way: never "not covered".
    expect(eligibilityState(data.eligibility_response)).toBe('unknown');
  });

  it('eligibility words: active, not active, and anything unclear', () => {
    expect(['Active Coverage', 'active', 'Eligible'].map(eligibilityState)).toEqual(['active', 'active', 'active']);
    expect(['Inactive', 'Coverage not active', 'Terminated', 'inactive'].map(eligibilityState)).toEqual(['inactive', 'inactive', 'inactive', 'inactive']);
    expect(['No response received by clearinghouse', '', 'Error 42'].map(eligibilityState)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('visit webhooks: v1 strings and v2 numbers read the same', () => {
    const v1 = webhookEnvelope.parse(fixture('webhook-visit-ended-v1'));
    const v2 = webhookEnvelope.parse(fixture('webhook-visit-ended-v2'));
    expect([v1.version, v1.account_code, v2.version, v2.clinic_code]).toEqual(['1.0', 'xxx', '2.0', 'xxx']);
    const d1 = visitEventData.parse(v1.data);
    const d2 = visitEventData.parse(v2.data);
    expect(d1).toMatchObject({ id: '28540', member_id: '60610', start: 1546950546, actual_end: 1546950555, status: '40', completed_by: '60610' });
    expect(d2).toMatchObject({ id: '28540', member_id: '60610', start: 1546950546, actual_end: 1546950555, status: 'cancelled', status_updated_by: '60610' });
  });

  it('user insurances: both spellings of the member ID, `version` beside `data`', () => {
    const raw = fixture('user-insurances') as { version: string };
    expect(raw.version).toBe('2.0');
    const [primary, secondary] = parse(userInsurances, 'user-insurances');
    expect(primary).toMatchObject({ card_type: 'primary', subscriber_number: '11000022', group_number: 'GN00022', responsible_party: 'self' });
    expect(secondary).toMatchObject({ card_type: 'secondary', subscriber_num: '11000023', responsible_party: 'child' });
  });
});

describe('toVisit() maps each sample visit to the patient API', () => {
  // toVisit() gives exactly the contract's required keys; the optional ones (links that need the
  // portal) are added by presentVisit() below.
  const CONTRACT_KEYS = Object.entries(contractVisit.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([key]) => key)
    .sort();
  /** Strings from the samples' medical and personal payload that must never reach the patient API. */
  const NEVER = [
    'Kidney disease',
    'Diabetes',
    'C-section',
    'One Tab Daily',
    'Allergic reaction',
    'This is to test the API',
    'Test intake functionalities',
    '5551231122',
    'anton+vclinic2@vseelab.com',
    'l0vht6wkxj',
    'meeting_id',
  ];

  it.each([
    ['add-walkin', { id: '1525', kind: 'walkin', modality: 'video', status: 'pending', start: '2016-03-16T02:31:28.000Z', end: '2016-03-16T02:46:28.000Z', provider: { name: 'Ligeng Doctor' } }],
    ['appointment-create', { id: '18407167', kind: 'appointment', modality: 'video', status: 'in_progress', start: '2021-09-14T14:10:16.000Z', end: '2021-09-14T14:15:16.000Z', provider: { name: 'Anton Provider' } }],
    ['visit-get', { id: '18407167', kind: 'appointment', modality: 'video', status: 'in_progress', start: '2021-09-14T14:10:16.000Z', end: '2021-09-14T14:15:16.000Z', provider: { name: 'Anton Provider' } }],
    ['add-econsult', { id: '14814100', kind: 'econsult', modality: 'econsult', status: 'confirmed', start: '2021-03-16T15:46:45.000Z', end: '2021-03-16T16:01:45.000Z', provider: null }],
    ['visit-current', { id: '1504', kind: 'appointment', modality: 'video', status: 'completed', start: '2016-04-06T20:05:00.000Z', end: '2016-04-06T20:20:00.000Z', provider: { name: 'Ligeng Doctor' } }],
  ])('%s', (name, expected) => {
    const out = toVisit(parse(visit, name));
    expect(out).toEqual(expected);
    expect(Object.keys(out).sort()).toEqual(CONTRACT_KEYS);
    expect(contractVisit.parse(out)).toEqual(out);
    const json = JSON.stringify(out);
    for (const s of NEVER) expect(json).not.toContain(s);
  });

  it('visits-list item', () => {
    const [item, ...rest] = parse(z.array(visit), 'visits-list');
    expect(rest).toEqual([]);
    const out = toVisit(item!);
    expect(out).toEqual({
      id: '7727',
      kind: 'appointment',
      modality: 'video',
      status: 'confirmed',
      start: '2016-08-08T15:15:00.000Z',
      end: '2016-08-08T15:30:00.000Z',
      provider: { name: 'Anton Provider III' },
    });
    expect(Object.keys(out).sort()).toEqual(CONTRACT_KEYS);
  });

  it('maps every subtype of seed 001 to a modality (1 in-person, 2 phone, 3 video, 4 e-consult), as numbers or strings', () => {
    const base = parse(visit, 'visit-get');
    const modalityOf = (subtype: unknown, type: unknown = 2) => toVisit(visit.parse({ ...(fixture('visit-get') as { data: object }).data, subtype, subType: undefined, type })).modality;
    expect([1, 2, 3, 4].map((n) => modalityOf(n))).toEqual(['in_person', 'phone', 'video', 'econsult']);
    expect(['1', '2', '3', '4'].map((n) => modalityOf(n))).toEqual(['in_person', 'phone', 'video', 'econsult']);
    // Missing or unknown: VSee's default, video.
    expect([undefined, null, 9, '7'].map((n) => modalityOf(n))).toEqual(['video', 'video', 'video', 'video']);
    expect(toVisit(visit.parse({ ...(fixture('visit-get') as { data: object }).data, subtype: 4 })).kind).toBe('econsult');
    // A phone visit carries the number the clinic will call (the intake's); no other visit does.
    expect(toVisit(visit.parse({ ...(fixture('visit-get') as { data: object }).data, subtype: 2 })).callNumber).toBe('5551234415');
    expect(toVisit(base).callNumber).toBeUndefined();
  });

  it('presentVisit() adds the one-time appointment link when VSee issued a token, and the summary flag when completed', () => {
    const portal = 'https://vclinic.vseepreview.com/vc/next/';
    const appt = presentVisit(parse(visit, 'appointment-create'), portal);
    expect(appt.oneTimeLink).toBe('https://vclinic.vseepreview.com/vc/next/members/appointment/18407167?token=l0vht6wkxj');
    expect(appt.hasSummary).toBeUndefined();
    const walkin = presentVisit(parse(visit, 'add-walkin'), portal);
    expect(walkin.oneTimeLink).toBeUndefined();
    const done = presentVisit(parse(visit, 'visit-current'), portal);
    expect(done.hasSummary).toBe(true);
    expect(contractVisit.parse(appt)).toEqual(appt);
  });

  it('the detail sample really carries what toVisit must drop', () => {
    // Guards the NEVER list above: these strings are in the input, so their absence is meaningful.
    const raw = text('visit-get');
    for (const s of ['Kidney disease', 'Diabetes', 'C-section', 'One Tab Daily', '5551231122', 'l0vht6wkxj', 'meeting_id']) {
      expect(raw).toContain(s);
    }
    expect(text('add-econsult')).toContain('This is to test the API');
    expect(text('add-walkin')).toContain('Test intake functionalities');
  });
});
