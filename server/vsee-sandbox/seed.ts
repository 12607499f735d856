/**
 * The sandbox clinic's starting state, computed relative to "now" so that there are always
 * bookable slots in the coming days. Named characters make demos and tests readable.
 */
import { VISIT_STATUS, VISIT_SUBTYPE, VISIT_TYPE, USER_TYPE } from '../vsee/codes';
import { SANDBOX } from './credentials';
import { addDays, weekdayOf, zonedParts, zonedTimeToUtc, toSeconds, type LocalDate } from './time';
import type { Room, Store, User } from './store';

export const CLINIC_TIMEZONE = 'America/Los_Angeles';
export const SLOT_SECONDS = 900;

const MON_FRI = [1, 2, 3, 4, 5] as const;
const h = (hours: number): number => hours * 60;

/** Dr. Herrera has uploaded no photo: GET /rooms/:code/providers gives `photo: null` (as the sample). */
export const SEED_PROVIDERS = [
  { code: 'sandbox-provider-okafor', firstName: 'Amara', lastName: 'Okafor', photo: true, schedule: [{ weekdays: MON_FRI, from: h(9), to: h(12) }] },
  { code: 'sandbox-provider-herrera', firstName: 'Luis', lastName: 'Herrera', photo: false, schedule: [{ weekdays: MON_FRI, from: h(13), to: h(17) }] },
  { code: 'sandbox-provider-chen', firstName: 'Mei', lastName: 'Chen', photo: true, schedule: [{ weekdays: [2, 4], from: h(8), to: h(16) }] },
] as const;

export const SEED_PATIENT = {
  code: 'sandbox-patient-maria-lopez',
  firstName: 'Maria',
  lastName: 'Lopez',
  dob: '1985-04-12',
  email: 'maria.lopez@example.com',
  phone: '5105550142',
} as const;

/**
 * The room's consultation types (`payment.consultations[]`): the default 15-minute video visit, a
 * 30-minute one, and a phone call. `subtype` is the visit subtype a booking of that type gets
 * (seed 001's table; assumption, docs/decisions/052): absent means video, VSee's default.
 */
export const CONSULTATIONS = [
  { id: '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c000015', description: '15-min Consultation', duration: 15 },
  { id: '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c000030', description: '30-min Consultation', duration: 30 },
  { id: '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c0000a2', description: 'Phone call (15 min)', duration: 15, subtype: VISIT_SUBTYPE.phone },
] as const;

/**
 * The clinic's insurers (GET /insurances): seed 003's six, then a few more so a patient has a list
 * worth searching. The extra codes follow VSee's `car<digits>` pattern and are made up.
 */
export const SEED_INSURERS = [
  { id: 'car7551', name: 'AETNA' },
  { id: 'car7414', name: 'AETNA BETTER HEALTH OF ILLINOIS' },
  { id: 'car11406', name: 'ANTHEM BLUE SHIELD' },
  { id: 'car7147', name: 'CIGNA HEALTH CARE' },
  { id: 'car7580', name: 'MONTGOMERY HEALTH INSURANCE' },
  { id: 'car7556', name: 'HEALTH CHOICE ARIZONA' },
  { id: 'car7777', name: 'HUMANA' },
  { id: 'car8120', name: 'KAISER PERMANENTE' },
  { id: 'car8233', name: 'MEDI-CAL' },
  { id: 'car9050', name: 'UNITEDHEALTHCARE' },
] as const;

/**
 * What the sandbox clinic charges a patient who pays for the visit themselves (USD), per
 * consultation: VSee's room sample has `amount: 0`, but a demo of "I'll pay myself" needs a price.
 */
export const CONSULTATION_PRICES: Record<string, number> = {
  '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c000015': 49,
  '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c000030': 89,
  '8d3f2c1a-6b1e-4e4f-9a51-5a1d0c0000a2': 0,
};

function seedRoom(providerIds: string[], now: number): Room {
  return {
    id: '10019500',
    code: SANDBOX.roomCode,
    name: 'Sandbox Clinic',
    slug: 'sandbox',
    domain: SANDBOX.domain,
    timezone: CLINIC_TIMEZONE,
    walkinEnabled: true,
    appointmentEnabled: true,
    isClosed: false,
    closeMsg: 'Service currently not available. Please check back later',
    oneTimeLinks: false,
    consultations: CONSULTATIONS.map((c) => ({
      ...c,
      amount: CONSULTATION_PRICES[c.id] ?? 0,
      group: false,
      charge: (CONSULTATION_PRICES[c.id] ?? 0) > 0,
      slots: 1,
      visible_to_patient: true,
    })),
    providerIds,
    created: now,
  };
}

/** The first date after `from` whose weekday is in `weekdays`. */
function nextDate(from: LocalDate, weekdays: readonly number[]): LocalDate {
  for (let i = 1; i <= 7; i++) {
    const d = addDays(from, i);
    if (weekdays.includes(weekdayOf(d))) return d;
  }
  return addDays(from, 1);
}

export function seed(store: Store, nowMs: number): void {
  store.clear();
  const now = toSeconds(nowMs);
  const providers: User[] = SEED_PROVIDERS.map((p) =>
    store.addUser(
      {
        code: p.code,
        type: USER_TYPE.provider,
        firstName: p.firstName,
        lastName: p.lastName,
        dob: null,
        email: `${p.lastName.toLowerCase()}@sandbox-clinic.example`,
        phone: null,
        gender: null,
        title: 'Dr.',
        subtype: '482',
        photo: p.photo,
        schedule: p.schedule.map((b) => ({ ...b, weekdays: [...b.weekdays] })),
      },
      now,
    ),
  );
  const room = seedRoom(
    providers.map((p) => p.id),
    now,
  );
  store.rooms.set(room.code, room);
  store.insurers = SEED_INSURERS.map((i) => ({ ...i }));

  const maria = store.addUser(
    {
      code: SEED_PATIENT.code,
      type: USER_TYPE.member,
      firstName: SEED_PATIENT.firstName,
      lastName: SEED_PATIENT.lastName,
      dob: SEED_PATIENT.dob,
      email: SEED_PATIENT.email,
      phone: SEED_PATIENT.phone,
      gender: 2,
    },
    now,
  );

  const today = zonedParts(nowMs, CLINIC_TIMEZONE);
  const [okafor, herrera, chen] = providers;
  const dayA = nextDate(today, MON_FRI);
  const dayB = nextDate(dayA, MON_FRI);
  const at = (d: LocalDate, hour: number, minute = 0) => toSeconds(zonedTimeToUtc(CLINIC_TIMEZONE, d, hour, minute));

  const book = (provider: User | undefined, start: number, type: number, status: number, reason: string) => {
    const intake = store.addIntake(
      maria.id,
      { type: String(type), reason_for_visit: reason, room_code: room.code, location: 'CA', phone: maria.phone },
      now,
    );
    const visit = store.addVisit(
      {
        memberId: maria.id,
        providerId: provider?.id ?? null,
        roomCode: room.code,
        type,
        subtype: VISIT_SUBTYPE.video,
        status,
        start,
        end: start + SLOT_SECONDS,
        intakeId: intake.id,
        oneTimeLinkToken: null,
      },
      now,
    );
    intake.visitId = visit.id;
    return visit;
  };

  // A finished walk-in a week ago, so "my visits" has history.
  const past = book(okafor, now - 7 * 86_400, VISIT_TYPE.walkin, VISIT_STATUS.completed, 'Sore throat');
  past.actualStart = past.start + 120;
  past.actualEnd = past.start + 720;
  past.completedBy = okafor?.id ?? null;

  // Upcoming appointments that take slots out of availability.
  book(okafor, at(dayA, 9), VISIT_TYPE.appointment, VISIT_STATUS.confirmed, 'Follow-up on blood pressure');
  book(herrera, at(dayB, 14), VISIT_TYPE.appointment, VISIT_STATUS.confirmed, 'Medication review');
  book(chen, at(nextDate(today, [2, 4]), 8, 30), VISIT_TYPE.appointment, VISIT_STATUS.confirmed, 'Allergy check');
}
