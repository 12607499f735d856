/** The DexCare sandbox's state: one practice, its regions, providers, patients, tokens and visits. */

/** A region's opening hours in its own time zone: always open, or one window every day. */
export type Hours = { kind: 'always' } | { kind: 'daily'; /** minutes after local midnight */ from: number; /** length in minutes, ≤ 24 h */ minutes: number };

export interface Department {
  id: string;
  epicDepartmentId: string;
  ehrSystemName: string;
  defaultDepartmentName: string;
}

export interface Region {
  id: string;
  practiceId: string;
  displayName: string;
  regionCode: string;
  timeZone: string;
  active: boolean;
  busy: boolean;
  busyMessage: string;
  paymentAccountId: string;
  visitPrice: number;
  departments: Department[];
  hours: Hours;
  /** Provider ids on call in this region now. */
  onCall: string[];
}

export interface Practice {
  id: string;
  displayName: string;
  careMode: 'virtual' | 'retail';
  payment: { insurance: boolean; selfPay: boolean; serviceKey: boolean };
  epicBookingEnabled: boolean;
  brand: string;
}

export interface Provider {
  id: string;
  name: string;
}

export interface Patient {
  /** The patient GUID. */
  id: string;
  /** The DexCare user account behind the patient (the visit answer's `userId`). */
  userId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  /** Patients this one may book for with `declaration: other` (children, people they care for). */
  dependents: string[];
}

export type VisitStatus = 'waiting' | 'in_visit' | 'done' | 'left';

export interface Visit {
  id: string;
  practiceId: string;
  regionId: string;
  departmentId: string;
  /** Who the visit is for. */
  patientId: string;
  /** Whose token booked it. */
  bookedBy: string;
  declaration: 'self' | 'other';
  actor: { firstName: string; lastName: string } | null;
  paymentMethod: 'creditcard' | 'insurance' | 'couponcode';
  email: string;
  status: VisitStatus;
  /** Unix ms. */
  created: number;
  startedAt: number | null;
  endedAt: number | null;
  providerId: string | null;
  waitingroomId: string;
  conferenceroomId: string;
  tokBox: { apiKey: string; waitingRoomSessionId: string; videoConferenceSessionId: string };
}

export class Store {
  practices = new Map<string, Practice>();
  regions = new Map<string, Region>();
  providers = new Map<string, Provider>();
  patients = new Map<string, Patient>();
  /** Bearer token → patient id. */
  tokens = new Map<string, string>();
  visits = new Map<string, Visit>();
  coupons = new Set<string>();

  clear() {
    this.practices.clear();
    this.regions.clear();
    this.providers.clear();
    this.patients.clear();
    this.tokens.clear();
    this.visits.clear();
    this.coupons.clear();
  }

  regionsOf(practiceId: string): Region[] {
    return [...this.regions.values()].filter((r) => r.practiceId === practiceId);
  }
}
