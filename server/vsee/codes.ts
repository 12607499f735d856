/**
 * VSee Clinic code tables. Seed 001 lists the meanings without the numbers; the numbers come
 * from the sample payloads (10 new walk-in, 20 e-consult/listed appointment, 30 with actual_start,
 * 40 with actual_end). The cancelled code is never shown: 50 is our assumption, and the v2
 * webhook words ("cancelled", "completed") are accepted too.
 */
import type { Modality, VisitKind, VisitStatus } from '../../src/api/contract';

export const VISIT_STATUS = {
  pending: 10,
  confirmed: 20,
  in_progress: 30,
  completed: 40,
  cancelled: 50, // assumption: not in any sample
} as const satisfies Record<VisitStatus, number>;

const STATUS_BY_CODE = new Map<string, VisitStatus>(
  Object.entries(VISIT_STATUS).map(([word, code]) => [String(code), word as VisitStatus]),
);
const STATUS_WORDS: Record<string, VisitStatus> = {
  pending: 'pending',
  confirmed: 'confirmed',
  inprogress: 'in_progress',
  in_progress: 'in_progress',
  completed: 'completed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  deleted: 'cancelled',
};

/** Reads a VSee status as sent: "10", 20, or a v2 word. Undefined when unknown. */
export function statusFromVsee(raw: string | number): VisitStatus | undefined {
  const s = String(raw).trim().toLowerCase();
  return STATUS_BY_CODE.get(s) ?? STATUS_WORDS[s.replace(/[-\s]/g, '')];
}

/** Visit `type`: 1 walk-in, 2 scheduled (confirmed by the intake docs). */
export const VISIT_TYPE = { walkin: 1, appointment: 2 } as const;

/** Visit `subtype` (seed 001 order; samples fit 3 = video, 4 = e-consult). */
export const VISIT_SUBTYPE = { in_person: 1, phone: 2, video: 3, econsult: 4 } as const;

const MODALITY_BY_SUBTYPE: Record<number, Modality> = {
  [VISIT_SUBTYPE.in_person]: 'in_person',
  [VISIT_SUBTYPE.phone]: 'phone',
  [VISIT_SUBTYPE.video]: 'video',
  [VISIT_SUBTYPE.econsult]: 'econsult',
};

/** How the patient meets the clinic, from a visit's (or consultation's) subtype; missing or unknown: video, VSee's default. */
export function modalityFromSubtype(subtype: string | number | null | undefined): Modality {
  return MODALITY_BY_SUBTYPE[Number(subtype)] ?? 'video';
}

export function kindFromVsee(type: string | number | undefined, subtype: string | number | undefined): VisitKind {
  if (Number(subtype) === VISIT_SUBTYPE.econsult) return 'econsult';
  return Number(type) === VISIT_TYPE.walkin ? 'walkin' : 'appointment';
}

export const CLOSE_REASONS = [
  'patient_end_call',
  'patient_exit_room',
  'call_ended',
  'patient_cancel_appointment',
  'max_waiting_time_reached',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** SSO user types. */
export const USER_TYPE = { member: 200, provider: 400, guest: 600 } as const;
