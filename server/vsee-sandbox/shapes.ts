/**
 * VSee's per-endpoint JSON shapes, quirks included: the same visit is sent with string ids and
 * times by add_walkin and GET /visits, and with numbers by POST /visits and GET /visits/:id.
 * Each function mirrors one documented sample (vsee-api-reference.md §3.1, §4.3, §6.1, §7.2,
 * and seed 002's POST /visits, GET /visits and GET /visits/:id).
 */
import { SANDBOX } from './credentials';
import type { Intake, Room, Store, Token, User, Visit } from './store';

const str = (n: number | null): string | null => (n === null ? null : String(n));
const fullName = (u: User): string => `${u.firstName} ${u.lastName}`;

export function ssoUser(user: User, token: Token, vseeToken?: string) {
  return {
    id: user.id,
    code: user.code,
    first_name: user.firstName,
    last_name: user.lastName,
    username: user.username,
    vseeid: user.vseeid,
    dob: user.dob,
    email: user.email,
    active: true,
    tos: false,
    subtype: user.subtype,
    token: {
      user_id: user.id,
      token: token.token,
      expiry: token.expiry,
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

/** An intake as GET /intakes/:id returns it (numbers for created/modified, strings otherwise). */
export function intakeOut(intake: Intake, extra: Record<string, unknown> = {}) {
  return {
    ...intake.fields,
    attachments: intake.fields.attachments ?? [],
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

/** One item of GET /visits: strings for ids, times, status, type and subtype. */
export function listShape(store: Store, v: Visit) {
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
    provider: provider
      ? {
          id: provider.id,
          code: provider.code,
          first_name: provider.firstName,
          last_name: provider.lastName,
          username: provider.username,
          vseeid: provider.vseeid,
          email: provider.email,
          photo: null,
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
function medicalProfile(member: User | undefined) {
  const stamp = { modified: member?.created ?? 0, modifiedBy: member ? fullName(member) : '' };
  const isSeedPatient = member?.firstName === 'Maria' && member.lastName === 'Lopez';
  return {
    _id: `mp-${member?.id ?? '0'}`,
    user_id: member?.id ?? null,
    conditions: { data: isSeedPatient ? [{ condition: 'Hypertension' }] : [], ...stamp },
    medications: { data: isSeedPatient ? [{ medication: 'Lisinopril 10 mg' }] : [], ...stamp },
    allergies: { data: isSeedPatient ? [{ allergy: 'Penicillin' }] : [], ...stamp },
    surgeries: { data: [], ...stamp },
    family_conditions: { data: [], ...stamp },
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
    creator: member
      ? {
          id: member.id,
          code: member.code,
          vseeid: member.vseeid,
          type: member.type,
          subtype: member.subtype,
          first_name: member.firstName,
          last_name: member.lastName,
          account_code: SANDBOX.accountCode,
        }
      : null,
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
    prescriptionsBeforeVisit: [],
    prescriptions: [],
    root_visit: { id: v.id, group_chat_id: null, participants: null },
    ...(v.expiry !== null ? { expiry: v.expiry } : {}),
    id: v.id,
    subtype: v.subtype,
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
      })),
      currency: 'USD',
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

/** GET /rooms/:code/providers item (§7.4). */
export function roomProviderShape(p: User) {
  return {
    id: p.id,
    username: p.username,
    code: '',
    subtype: p.subtype,
    first_name: p.firstName,
    last_name: p.lastName,
    vseeid: p.vseeid,
    photo: null,
    title: p.title,
    suffix: '',
    status: false,
    short_bio: false,
  };
}
