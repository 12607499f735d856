/**
 * VSee's per-endpoint JSON shapes, quirks included: the same visit is sent with string ids and
 * times by add_walkin, GET /visits and GET /visits/current, and with numbers by POST /visits,
 * add_econsult and GET /visits/:id. Each function mirrors one documented sample
 * (test/fixtures/vsee, from vsee-api-reference.md §3.1, §7.1, §7.2, §7.4 and seeds 002 and 003);
 * test/server/vsee-sandbox/fidelity.test.ts holds each answer to its sample's fields and types.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SANDBOX } from './credentials';
import { CLINIC_TIMEZONE, SEED_PATIENT } from './seed';
import type { Intake, Room, Store, Token, User, Visit } from './store';

const str = (n: number | null): string | null => (n === null ? null : String(n));
const fullName = (u: User): string => `${u.firstName} ${u.lastName}`;

/** The SSO samples (§3.1 and the fuller seed 003 one): string ids, numeric times and status. */
export function ssoUser(user: User, token: Token, vseeToken?: string) {
  return {
    id: user.id,
    code: user.code,
    first_name: user.firstName,
    last_name: user.lastName,
    full_name: fullName(user),
    username: user.username,
    vseeid: user.vseeid,
    dob: user.dob,
    email: user.email,
    gender: user.gender,
    active: true,
    tos: false,
    status: 20, // the user samples' only status (meaning undocumented)
    subtype: user.subtype,
    ...user.profile,
    timezone: CLINIC_TIMEZONE,
    email_verified: true,
    account_code: SANDBOX.accountCode,
    clinics: [SANDBOX.accountCode],
    created: user.created,
    token: {
      user_id: user.id,
      token: token.token,
      expiry: token.expiry,
      created: token.created,
      user_type: String(user.type),
      refresh_token: {
        user_id: user.id,
        token: token.refreshToken,
        expiry: token.refreshExpiry,
        created: token.created,
      },
    },
    ...(vseeToken ? { vsee: { id: user.vseeid, token: vseeToken } } : {}),
  };
}

const ymd = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().slice(0, 10).replaceAll('-', '/');

/**
 * Attachments as GET /intakes/:id lists them. The sandbox keeps no files, only the ids it was
 * given, so the file facts are placeholders (name = id, size 0) in the sample's types.
 * Anything else (the empty string a form sends) is returned as it was sent.
 */
function attachmentsOut(intake: Intake): unknown {
  const list = intake.fields.attachments;
  if (list === undefined) return [];
  if (!Array.isArray(list)) return list;
  return (list as Array<{ _id: string }>).map(({ _id }) => ({
    _id,
    name: _id,
    path: `files/${ymd(intake.created)}/${_id}`,
    size: 0,
    ext: '',
    type: 0,
    creator_id: intake.memberId,
    remark: null,
    using: 1,
    modified: { sec: intake.created, usec: 0 },
    created: { sec: intake.created, usec: 0 },
  }));
}

/** An intake as GET /intakes/:id returns it (numbers for created/modified, strings otherwise). */
export function intakeOut(intake: Intake, extra: Record<string, unknown> = {}) {
  return {
    ...intake.fields,
    attachments: attachmentsOut(intake),
    ...(intake.consultation ? { consultation: { ...intake.consultation, currency: 'USD' } } : {}),
    ...(intake.visitId ? { visit_id: intake.visitId } : {}),
    ...extra,
    modified: intake.modified,
    created: intake.created,
    id: intake.id,
  };
}

function payment(store: Store, v: Visit, amount: string) {
  const intake = v.intakeId ? store.intakes.get(v.intakeId) : undefined;
  return {
    duration: intake?.consultation?.duration ?? (v.type === 1 ? 15 : null),
    amount,
    description: 'Sandbox Clinic One-time charge',
    ...(intake?.consultation ? { id: intake.consultation.id } : {}),
  };
}

/** POST /visits/add_walkin (§6.1): ids, times and codes as strings; created/modified numbers. */
export function walkinShape(store: Store, v: Visit) {
  const provider = v.providerId ? store.users.get(v.providerId) : undefined;
  const member = store.users.get(v.memberId);
  const intake = v.intakeId ? store.intakes.get(v.intakeId) : undefined;
  return {
    id: v.id,
    member_id: v.memberId,
    provider_id: v.providerId ?? '0',
    account_code: null,
    code: v.code,
    start: String(v.start),
    end: String(v.end),
    actual_start: str(v.actualStart),
    actual_end: str(v.actualEnd),
    specialty_id: null,
    state: null,
    type: String(v.type),
    status: String(v.status),
    completed_by: v.completedBy,
    created: v.created,
    modified: v.modified,
    room_id: null,
    _id: v.id,
    payment: payment(store, v, '00.00'),
    intake: intake ? intakeOut(intake) : null,
    provider: provider
      ? { id: provider.id, first_name: provider.firstName, last_name: provider.lastName, vseeid: provider.vseeid, title: provider.title }
      : null,
    member: member
      ? {
          id: member.id,
          first_name: member.firstName,
          last_name: member.lastName,
          vseeid: member.vseeid,
          dob: member.dob,
          gender: member.gender,
          phone: member.phone,
        }
      : null,
  };
}

/** Keys the photo links' auth codes; nothing about the user but the id goes into them. */
const PHOTO_KEY = randomBytes(16);

/**
 * A user's photo as GET /visits links it: `{api}/files/index/app_user/photo/{id}/?auth_code=…`
 * (served by api-files.ts). The auth code is 40 hex characters like the sample's.
 */
export function photoUrl(basePath: string, u: User): string {
  const authCode = createHmac('sha1', PHOTO_KEY).update(u.id).digest('hex');
  return `${basePath}/api_v3/files/index/app_user/photo/${u.id}/?auth_code=${authCode}`;
}

/**
 * GET /visits/current: the string-typed shape of add_walkin, but with the account code and
 * fuller provider and member objects, as that endpoint's own sample shows them.
 */
export function currentShape(store: Store, v: Visit) {
  const provider = v.providerId ? store.users.get(v.providerId) : undefined;
  const member = store.users.get(v.memberId);
  return {
    ...walkinShape(store, v),
    account_code: SANDBOX.accountCode,
    provider: provider
      ? {
          id: provider.id,
          first_name: provider.firstName,
          last_name: provider.lastName,
          username: provider.username,
          vseeid: provider.vseeid,
          email: provider.email,
          active: true,
          title: provider.title,
          tos: false,
          phone: provider.phone ?? '',
        }
      : null,
    member: member
      ? {
          id: member.id,
          first_name: member.firstName,
          last_name: member.lastName,
          username: member.username,
          vseeid: member.vseeid,
          dob: member.dob,
          email: member.email,
          gender: member.gender,
          active: true,
          tos: true,
          phone: member.phone,
        }
      : null,
  };
}

/** One item of GET /visits: strings for ids, times, status, type and subtype. */
export function listShape(store: Store, v: Visit, basePath: string) {
  const provider = v.providerId ? store.users.get(v.providerId) : undefined;
  const member = store.users.get(v.memberId);
  return {
    id: v.id,
    member_id: v.memberId,
    provider_id: v.providerId ?? '0',
    account_code: SANDBOX.accountCode,
    code: v.code,
    start: String(v.start),
    end: String(v.end),
    actual_start: str(v.actualStart),
    actual_end: str(v.actualEnd),
    specialty_id: null,
    state: null,
    type: String(v.type),
    subtype: String(v.subtype),
    status: String(v.status),
    completed_by: v.completedBy,
    created: v.created,
    modified: v.modified,
    room_id: null,
    _id: v.id,
    payment: payment(store, v, '0.00'),
    invoice_id: v.invoiceId,
    // Assumption (decision 067): the list carries the same `creator` as the detail, so a visit
    // booked on someone's behalf can be told apart in its creator's list.
    creator: creatorRef(v.creatorId ? store.users.get(v.creatorId) : member),
    provider: provider
      ? {
          id: provider.id,
          code: provider.code,
          first_name: provider.firstName,
          last_name: provider.lastName,
          username: provider.username,
          vseeid: provider.vseeid,
          email: provider.email,
          photo: photoUrl(basePath, provider),
          active: true,
          title: provider.title,
          suffix: '',
          tos: true,
          phone: provider.phone ?? '',
          subtype: provider.subtype,
        }
      : null,
    member: member
      ? {
          id: member.id,
          code: member.code,
          first_name: member.firstName,
          last_name: member.lastName,
          username: member.username,
          vseeid: member.vseeid,
          dob: member.dob,
          email: member.email,
          gender: member.gender,
          active: true,
          tos: true,
          phone: member.phone ?? '',
          subtype: member.subtype,
        }
      : null,
  };
}

/**
 * Fake medical history attached to GET /visits/:id the way VSee attaches the real one, so that
 * the proxy's data minimisation is exercised against a payload that carries it.
 */
const isSeedPatient = (member: User | undefined): boolean => member?.code === SEED_PATIENT.code;

function medicalProfile(member: User | undefined) {
  const stamp = { modified: member?.created ?? 0, modifiedBy: member ? fullName(member) : '' };
  const seeded = isSeedPatient(member);
  // The sample's `modified_by` is typed two ways: type 200 under social_history, "200" elsewhere.
  const by = member
    ? { id: member.id, type: String(member.type), subtype: member.subtype, first_name: member.firstName, last_name: member.lastName }
    : null;
  return {
    _id: `mp-${member?.id ?? '0'}`,
    user_id: member?.id ?? null,
    family_conditions: { data: seeded ? [{ condition: 'Diabetes', relations: ['Mother'] }] : [], ...stamp },
    conditions: { data: seeded ? [{ condition: 'Hypertension' }] : [], ...stamp },
    social_history: { data: [], ...stamp, modified_by: by && { ...by, type: member?.type, photo: '' } },
    health_habits: { data: [], ...stamp },
    surgeries: { data: seeded ? [{ procedure: 'Appendectomy' }] : [], ...stamp },
    medications: { data: seeded ? [{ medication: 'Lisinopril 10 mg' }] : [], ...stamp, modified_by: by },
    allergies: { data: seeded ? [{ allergy: 'Penicillin' }] : [], ...stamp, modified_by: by },
    modified: { sec: stamp.modified, usec: 0 },
    created: { sec: member?.created ?? 0, usec: 0 },
  };
}

/** Fake e-prescriptions in the GET /visits/:id sample's format, for the seeded patient only. */
function prescriptions(member: User | undefined, prescriber: User | undefined) {
  if (!isSeedPatient(member) || !member) return [];
  const day = new Date((member.created - 30 * 86_400) * 1000).toISOString().slice(0, 10);
  return [
    {
      ID: `rx-${member.id}`,
      DrugID: '0',
      NDC: '00000000000',
      RxNormCode: '314076',
      Drug: 'Lisinopril 10 MG Oral Tablet',
      Supply: false,
      Compound: false,
      Directions: '1 tablet once a day',
      Qty: 30,
      QtyQual: 'Tablet',
      Refills: 2,
      DaysSupply: 30,
      SubstitutionAllowedFlag: 1,
      Schedule: 0,
      PharmacyNote: '',
      InternalNote: '',
      PrescriberId: prescriber?.id ?? '',
      LocationId: 'SANDBOX',
      PrescriptionDate: `${day}T00:00:00`,
      SignDate: '0001-01-01T00:00:00',
      Status: 'Current',
      PharmacyNcpdpId: '0000000',
      RouteDetail: '',
      PartnerMedID: '',
      PrescriberName: prescriber ? `${prescriber.title} ${fullName(prescriber)}`.trim() : '',
    },
  ];
}

/** The visit's `creator`, as the samples show it: the patient, or whoever booked on their behalf. */
function creatorRef(member: User | undefined) {
  if (!member) return null;
  return {
    id: member.id,
    code: member.code,
    vseeid: member.vseeid,
    type: member.type,
    subtype: member.subtype,
    first_name: member.firstName,
    last_name: member.lastName,
    account_code: SANDBOX.accountCode,
  };
}

function roomRef(room: Room | undefined) {
  if (!room) return null;
  return { id: room.id, code: room.code, name: room.name, domain: room.domain, account_code: SANDBOX.accountCode, slug: room.slug };
}

/**
 * A full visit as POST /visits (appointments) and GET /visits/:id return it: numeric member_id,
 * provider_id, start, end, status, type and room_id; string `id`; both `subType` and `subtype`.
 */
export function detailShape(store: Store, v: Visit, opts: { medicalProfile?: boolean } = {}) {
  const provider = v.providerId ? store.users.get(v.providerId) : undefined;
  const member = store.users.get(v.memberId);
  const intake = v.intakeId ? store.intakes.get(v.intakeId) : undefined;
  const room = store.rooms.get(v.roomCode);
  const providerEmail = provider?.email ?? '';
  return {
    member_id: Number(v.memberId),
    provider_id: v.providerId ? Number(v.providerId) : 0,
    account_code: SANDBOX.accountCode,
    code: v.code,
    start: v.start,
    end: v.end,
    actual_start: v.actualStart,
    actual_end: v.actualEnd,
    specialty_id: null,
    state: null,
    type: v.type,
    status: v.status,
    completed_by: v.completedBy,
    room_id: room ? Number(room.id) : null,
    room_code: v.roomCode,
    modified: v.modified,
    created: v.created,
    provider: provider
      ? {
          id: provider.id,
          email: providerEmail,
          subtype: provider.subtype,
          vseeid: provider.vseeid,
          photo: null,
          full_name: fullName(provider),
          title: provider.title,
          suffix: '',
        }
      : null,
    member: member
      ? {
          id: member.id,
          code: member.code,
          email: member.email,
          vseeid: member.vseeid,
          photo: null,
          full_name: fullName(member),
          phone: member.phone ?? '',
        }
      : null,
    subType: v.subtype,
    more_provider_ids: null,
    guest_emails: null,
    guest_mobiles: null,
    reminder_type: null,
    reminder_time: null,
    host_ids: provider ? [provider.id] : [],
    hosts: provider
      ? [
          {
            username: provider.username,
            email: providerEmail,
            phone: '',
            timezone: room?.timezone ?? 'America/Los_Angeles',
            vseeid: provider.vseeid,
            full_name: fullName(provider),
            title: provider.title,
            suffix: '',
            id: provider.id,
            photo_attachment_id: '',
            role: 'owner',
          },
        ]
      : [],
    creator: creatorRef(v.creatorId ? store.users.get(v.creatorId) : member),
    pending_actions: [],
    is_test: false,
    meeting: {
      recording_auto_start: false,
      phone_numbers: { US: ['+1.555.010.0199'] },
      hosts: provider ? [providerEmail] : [],
      expiry: v.end + 14_400,
      conference_pin: 100_000 + (Number(v.id) % 900_000),
      meeting_id: `${v.created * 1000}_${v.code}__sandbox`,
    },
    one_time_link_token: v.oneTimeLinkToken,
    notify_list: [],
    payment: payment(store, v, '0.00'),
    intake_id: v.intakeId,
    incharge: false,
    intake: intake ? intakeOut(intake, opts.medicalProfile ? { medical_profile: medicalProfile(member) } : {}) : null,
    postvisit: {
      member_id: v.memberId,
      class_id: null,
      visit_id: v.id,
      modified: v.modified,
      created: v.created,
      id: `${v.code.slice(0, 8)}-${v.code.slice(8, 12)}-${v.code.slice(12, 16)}-${v.code.slice(16, 20)}-${v.code.slice(20)}`,
    },
    isEditExpired: false,
    room: roomRef(room),
    account: {
      code: SANDBOX.accountCode,
      name: 'Sandbox Clinic',
      domain: room?.domain ?? null,
      vsee_api: { meeting: { enabled: true, guest_invite_enabled: true, adhoc_group_call: { disabled: true } } },
    },
    prescriptionsBeforeVisit: opts.medicalProfile ? prescriptions(member, provider) : [],
    prescriptions: [],
    root_visit: { id: v.id, group_chat_id: null, participants: null },
    ...(v.expiry !== null ? { expiry: v.expiry } : {}),
    id: v.id,
    subtype: v.subtype,
  };
}

/**
 * POST /visits/add_econsult (seed 002): numbers for member_id, provider_id, times, type and
 * status like the detail shape, but its own member object (type as a string), an invoice, and
 * `state` "--". Assumption: `state` is the intake's location, "--" when there is none (the sample
 * shows "--" for both).
 */
export function econsultShape(store: Store, v: Visit) {
  const member = store.users.get(v.memberId);
  const intake = v.intakeId ? store.intakes.get(v.intakeId) : undefined;
  const room = store.rooms.get(v.roomCode);
  const location = intake?.fields.location;
  return {
    incharge: false,
    isEditExpired: false,
    id: v.id,
    member_id: Number(v.memberId),
    provider_id: v.providerId ? Number(v.providerId) : 0,
    account_code: SANDBOX.accountCode,
    code: v.code,
    start: v.start,
    end: v.end,
    actual_start: v.actualStart,
    actual_end: v.actualEnd,
    specialty_id: null,
    state: typeof location === 'string' && location !== '' ? location : '--',
    type: v.type,
    status: v.status,
    completed_by: v.completedBy,
    room_id: room ? Number(room.id) : null,
    room_code: v.roomCode,
    member: member
      ? {
          id: member.id,
          code: member.code,
          type: String(member.type),
          subtype: member.subtype,
          first_name: member.firstName,
          last_name: member.lastName,
          full_name: fullName(member),
          active: true,
          vseeid: member.vseeid,
        }
      : null,
    pending_actions: [],
    invoice: {
      user_id: v.memberId,
      status: 10,
      currency: 'USD',
      livemode: false,
      amount_due: 0,
      visit_id: v.id,
      modified: v.modified,
      created: v.created,
      id: v.invoiceId,
    },
    creator: creatorRef(v.creatorId ? store.users.get(v.creatorId) : member),
    invoice_id: v.invoiceId,
    intake_id: v.intakeId,
    postvisit: { member_id: v.memberId, class_id: null, visit_id: v.id, modified: v.modified, created: v.created },
    account: { domain: null, code: SANDBOX.accountCode, name: 'Sandbox Clinic' },
    room: room ? { id: room.id, code: room.code, name: room.name } : null,
    intake: intake ? intakeOut(intake, { invoice_id: v.invoiceId }) : null,
    subtype: v.subtype,
    expiry: v.expiry,
  };
}

/** The room object (§7.2's POST /rooms sample, the most complete one documented). */
export function roomShape(room: Room) {
  return {
    visits: { walkin: { enabled: room.walkinEnabled }, appointment: { enabled: room.appointmentEnabled } },
    auth: { guest: { type: 600, log_in: { enabled: true } } },
    subtitle: 'If this is an emergency, please call 911.',
    slug: room.slug,
    name: room.name,
    domain: room.domain,
    active: true,
    users: room.providerIds.join(','),
    account_code: SANDBOX.accountCode,
    provider_ids: [...room.providerIds],
    public_access_room: true,
    modified: room.created,
    created: room.created,
    payment: {
      consultations: room.consultations.map((c) => ({
        id: c.id,
        description: c.description,
        duration: c.duration,
        amount: c.amount,
        group: c.group,
        charge: c.charge,
        slots: c.slots,
        // Assumption (decision 052): how VSee marks a phone or in-person consultation is not documented.
        ...(c.subtype !== undefined ? { subtype: c.subtype } : {}),
      })),
      currency: 'USD',
      __note__: 'paymentCurrency will be deprecated by 1 Jun 2017', // in VSee's sample payload
    },
    operation_settings: {
      is_closed: room.isClosed,
      close_msg: room.closeMsg,
      default_timezone: room.timezone,
    },
    id: room.id,
    code: room.code,
  };
}

/**
 * GET /rooms/:code/providers item (§7.4). `photo` is null (the sample's) for a provider without
 * one, else an absolute link like the GET /visits sample's.
 */
export function roomProviderShape(p: User, at: { publicOrigin: string; basePath: string }) {
  return {
    id: p.id,
    username: p.username,
    code: '',
    subtype: p.subtype,
    first_name: p.firstName,
    last_name: p.lastName,
    vseeid: p.vseeid,
    photo: p.photo ? `${at.publicOrigin}${photoUrl(at.basePath, p)}` : null,
    title: p.title,
    suffix: '',
    status: false,
    short_bio: false,
  };
}
