/**
 * The sandbox's in-memory state: what a VSee clinic account would hold for our purposes.
 * Plain data plus a few lookups; the rules live in the route modules.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type UserType = 200 | 400 | 600;

/** One weekly opening block in the clinic's local time, minutes after midnight. */
export interface ScheduleBlock {
  weekdays: readonly number[]; // 0 = Sunday
  from: number;
  to: number;
}

export interface User {
  id: string;
  code: string;
  type: UserType;
  firstName: string;
  lastName: string;
  dob: string | null;
  email: string | null;
  phone: string | null;
  /** 1 or 2, as VSee sends it (the SSO sample's form value "1" comes back as 1). */
  gender: number | null;
  username: string;
  vseeid: string;
  title: string;
  /** Provider subtype ("482" = doctor); "" for members. */
  subtype: string;
  /** Whether the user uploaded a photo (GET /rooms/:code/providers links it, else `photo: null`). */
  photo?: boolean;
  created: number;
  /** Weekly schedule; providers only. */
  schedule: ScheduleBlock[];
  /** Address fields sent to SSO (`street_addr`, `city`, `state`, `zip`), echoed as sent. */
  profile: Record<string, string>;
  /** Insurance saved with POST /me (seed 003 step 3); null until then. */
  insurance: UserInsurance | null;
}

export interface InsuranceCard {
  carrierCode: string;
  subscriberNum: string | null;
  groupNumber: string | null;
}

export interface UserInsurance {
  primary: InsuranceCard | null;
  secondary: InsuranceCard | null;
  respparty: string | null;
  guarantor: { firstName: string | null; lastName: string | null; dob: string | null };
}

/** One eligibility check (POST /users/:id/:carrier_code/eligibility); runs when `due`. */
export interface EligibilityCheck {
  id: string;
  userId: string;
  carrierCode: string;
  order: 'primary' | 'secondary';
  /** Sandbox clock (unix s) when the "cron job" runs: 10 s after the request. */
  due: number;
  /** The clearinghouse's answer once run; null while pending. */
  response: string | null;
  /** `eligibility.status` of GET /users/:id/insurances once run. */
  status: string | null;
}

export interface Token {
  token: string;
  userId: string;
  expiry: number;
  refreshToken: string;
  refreshExpiry: number;
  created: number;
  /** Set once the token has been used to sign in to the portal (see portal.ts). */
  portalUsed: boolean;
}

export interface Consultation {
  id: string;
  description: string;
  duration: number; // minutes
  amount: number;
  group: boolean;
  charge: boolean;
  slots: number;
  visible_to_patient: boolean;
  /** Visit subtype of a booking of this type (assumption, decision 052); absent: video. */
  subtype?: number;
}

export interface Room {
  id: string;
  code: string;
  name: string;
  slug: string;
  domain: string;
  timezone: string;
  walkinEnabled: boolean;
  appointmentEnabled: boolean;
  isClosed: boolean;
  closeMsg: string;
  /** Whether new appointments get a `one_time_link_token` (a per-clinic VSee setting). */
  oneTimeLinks: boolean;
  consultations: Consultation[];
  providerIds: string[];
  created: number;
}

export interface Intake {
  id: string;
  /** The patient the intake is for: the caller, or whom it was made on behalf of (`member_id`). */
  memberId: string;
  /** Who made it (the token's user); differs from memberId for an intake made on someone's behalf. */
  creatorId: string;
  /** Everything the client sent, documented and custom fields alike, as received. */
  fields: Record<string, unknown>;
  consultation: Consultation | null;
  visitId: string | null;
  created: number;
  modified: number;
}

export interface Visit {
  id: string;
  code: string;
  memberId: string;
  /** Who booked it (the visit's `creator`); the member unless it was booked on their behalf. */
  creatorId?: string;
  providerId: string | null;
  roomCode: string;
  type: number; // 1 walk-in, 2 appointment, 3 e-consult
  subtype: number; // 1 in-person, 2 phone, 3 video, 4 e-consult
  status: number;
  start: number;
  end: number;
  actualStart: number | null;
  actualEnd: number | null;
  completedBy: string | null;
  closeReason: string | null;
  intakeId: string | null;
  oneTimeLinkToken: string | null;
  expiry: number | null;
  /** The visit's invoice (GET /visits and add_econsult answers carry its id). */
  invoiceId: string;
  created: number;
  modified: number;
}

export interface PortalSession {
  id: string;
  userId: string;
  disableNavigation: boolean;
}

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A 10-character lowercase token like the sample's `l0vht6wkxj`. */
export function shortToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(10), (b) => alphabet[b % alphabet.length]).join('');
}

export const FIRST_USER_ID = 10001;
export const FIRST_VISIT_ID = 67258;
/** Seed 003's eligibility ids are 2505464 and 2505465. */
export const FIRST_ELIGIBILITY_ID = 2505465;

export class Store {
  users = new Map<string, User>();
  usersByCode = new Map<string, string>();
  tokens = new Map<string, Token>();
  intakes = new Map<string, Intake>();
  visits = new Map<string, Visit>();
  sessions = new Map<string, PortalSession>();
  rooms = new Map<string, Room>();
  /** Visit-summary capability links: opaque hex → visit id (valid until reset). */
  exports = new Map<string, string>();
  /** The clinic's insurers (GET /insurances), as VSee configures them for the account. */
  insurers: Array<{ id: string; name: string }> = [];
  /** Eligibility checks by `eligibility_id`. */
  eligibility = new Map<string, EligibilityCheck>();
  private nextEligibilityId = FIRST_ELIGIBILITY_ID;
  private nextUserId = FIRST_USER_ID;
  private nextVisitId = FIRST_VISIT_ID;

  clear(): void {
    this.users.clear();
    this.usersByCode.clear();
    this.tokens.clear();
    this.intakes.clear();
    this.visits.clear();
    this.sessions.clear();
    this.rooms.clear();
    this.exports.clear();
    this.eligibility.clear();
    this.insurers = [];
    this.nextEligibilityId = FIRST_ELIGIBILITY_ID;
    this.nextUserId = FIRST_USER_ID;
    this.nextVisitId = FIRST_VISIT_ID;
  }

  addUser(u: Omit<User, 'id' | 'username' | 'vseeid' | 'created' | 'schedule' | 'title' | 'subtype' | 'profile' | 'insurance'> &
    Partial<Pick<User, 'schedule' | 'title' | 'subtype' | 'profile' | 'insurance'>>, now: number): User {
    const username = hex(16);
    const user: User = {
      insurance: null,
      schedule: [],
      title: '',
      subtype: '',
      profile: {},
      ...u,
      id: String(this.nextUserId++),
      username,
      vseeid: `sandbox+${username}`,
      created: now,
    };
    this.users.set(user.id, user);
    this.usersByCode.set(user.code, user.id);
    return user;
  }

  userByCode(code: string): User | undefined {
    const id = this.usersByCode.get(code);
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Mints an access token (24 h) with a refresh token (30 days), as the SSO sample shows. */
  mintToken(userId: string, now: number): Token {
    const t: Token = {
      token: hex(16),
      userId,
      expiry: now + 86_400,
      refreshToken: hex(16),
      refreshExpiry: now + 2_592_000,
      created: now,
      portalUsed: false,
    };
    this.tokens.set(t.token, t);
    return t;
  }

  addIntake(memberId: string, fields: Record<string, unknown>, now: number, creatorId: string = memberId): Intake {
    const intake: Intake = {
      id: randomUUID(),
      memberId,
      creatorId,
      fields,
      consultation: null,
      visitId: null,
      created: now,
      modified: now,
    };
    this.intakes.set(intake.id, intake);
    return intake;
  }

  addVisit(v: Omit<Visit, 'id' | 'code' | 'invoiceId' | 'created' | 'modified' | 'actualStart' | 'actualEnd' | 'completedBy' | 'closeReason' | 'expiry'> &
    Partial<Pick<Visit, 'actualStart' | 'actualEnd' | 'completedBy' | 'closeReason' | 'expiry'>>, now: number): Visit {
    const visit: Visit = {
      actualStart: null,
      actualEnd: null,
      completedBy: null,
      closeReason: null,
      expiry: null,
      ...v,
      id: String(this.nextVisitId++),
      code: hex(16),
      invoiceId: randomUUID(),
      created: now,
      modified: now,
    };
    this.visits.set(visit.id, visit);
    return visit;
  }

  addEligibility(c: Omit<EligibilityCheck, 'id' | 'response' | 'status'>): EligibilityCheck {
    const check: EligibilityCheck = { ...c, id: String(this.nextEligibilityId++), response: null, status: null };
    this.eligibility.set(check.id, check);
    return check;
  }

  /** The visit a guest invite link `/visits/join/{code}` names. */
  visitByCode(code: string): Visit | undefined {
    for (const v of this.visits.values()) if (v.code === code) return v;
    return undefined;
  }

  providers(room: Room): User[] {
    return room.providerIds.map((id) => this.users.get(id)).filter((u): u is User => u !== undefined);
  }
}
