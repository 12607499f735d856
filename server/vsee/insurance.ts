/**
 * VSee's insurance flow (seed 003, reference §10): the clinic's insurers, the patient's insurance
 * saved on the user with `POST /me`, the eligibility check, its `eligibility.checked` webhook and
 * the user's insurance cards. Schemas coerce what VSee sends; the form builder uses exactly the
 * seed's field names (docs/decisions/018-insurance-fields.md).
 */
import { z } from 'zod';
import { vId, vTime } from './schemas';

/** VSee's `respparty` / `responsible_party` words (reference §11.4). */
export const RESPPARTY = ['self', 'spouse', 'child', 'other'] as const;
export type Respparty = (typeof RESPPARTY)[number];

/** GET /insurances: `{data: {insurers: [{id, name}]}}`. */
export const insurer = z.object({ id: vId, name: z.string().trim().min(1) });
export const insurers = z.object({ insurers: z.array(insurer) });
export type VseeInsurer = z.infer<typeof insurer>;

/** A free-text card field: may be empty, a string or (digits only) a number. */
const text = z.union([z.string(), z.number()]).transform(String);

const card = z.object({
  carrier_code: text.nullish(),
  subscriber_num: text.nullish(),
  group_number: text.nullish(),
  insurance_order: z.union([z.number(), z.string()]).nullish(),
});

/** POST /me answer: the user, with `insurance` as seed 003 step 3 shows it. */
export const meUser = z.object({
  id: vId,
  insurance: z
    .object({
      primary: card.nullish(),
      secondary: card.nullish(),
      patient: z.object({ respparty: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

/** POST /users/:id/:carrier_code/eligibility: `{eligibility_id, carrier_code}`. */
export const eligibilityTriggered = z.object({ eligibility_id: vId, carrier_code: vId });

/**
 * GET /users/:id/insurances (reference §10.3): the user's cards. One sample spells the member ID
 * `subscriber_number`, the next card `subscriber_num`; both are read. `eligibility.status` is
 * only seen in a later diff (`"inactive"`).
 */
export const userInsuranceCard = z.object({
  card_type: z.string(),
  insurer_code: z.string().nullish(),
  subscriber_number: text.nullish(),
  subscriber_num: text.nullish(),
  group_number: text.nullish(),
  responsible_party: z.string().nullish(),
  eligibility: z.object({ status: z.string().nullish() }).nullish(),
});
export const userInsurances = z.array(userInsuranceCard);
export type VseeInsuranceCard = z.infer<typeof userInsuranceCard>;

/** What the patient tells us about one insurance card. */
export interface InsuranceCardInput {
  carrierCode: string;
  memberId: string;
  groupNumber?: string;
}

export interface InsuranceInput {
  primary: InsuranceCardInput;
  secondary?: InsuranceCardInput;
  respparty: Respparty;
  /** The policy holder, when it is not the patient. */
  holder?: { firstName: string; lastName: string; dob: string };
}

/**
 * The `POST /me` form for the patient's insurance: seed 003's names exactly
 * (`insurance.primary_carrier_code`, `insurance.respparty`, `insurance.primary_subscriber_num`,
 * `insurance.primary_group_number`, `insurance.secondary_*`). The holder's fields are truncated in
 * the docs (`insurance.guarantor_name`, `insurance.guarant…`); the card fields of GET
 * /users/:id/insurances name them `guarantor_first_name`, `guarantor_last_name`, `guarantor_dob`.
 */
export function insuranceForm(input: InsuranceInput): Record<string, string> {
  const form: Record<string, string> = {
    'insurance.primary_carrier_code': input.primary.carrierCode,
    'insurance.respparty': input.respparty,
    'insurance.primary_subscriber_num': input.primary.memberId,
  };
  if (input.primary.groupNumber) form['insurance.primary_group_number'] = input.primary.groupNumber;
  if (input.secondary) {
    form['insurance.secondary_carrier_code'] = input.secondary.carrierCode;
    form['insurance.secondary_subscriber_num'] = input.secondary.memberId;
    if (input.secondary.groupNumber) form['insurance.secondary_group_number'] = input.secondary.groupNumber;
  }
  if (input.respparty !== 'self' && input.holder) {
    form['insurance.guarantor_first_name'] = input.holder.firstName;
    form['insurance.guarantor_last_name'] = input.holder.lastName;
    form['insurance.guarantor_dob'] = input.holder.dob;
  }
  return form;
}

// ---- webhooks (reference §8, seed 003 step 5) ------------------------------------------------

/**
 * Both envelopes: v1 (`version` "1.0" or absent, `account_code`, string times) and v2 (`version`
 * "2.0", `clinic_code`, number times). The `id` names the delivery: a repeat carries the same id.
 */
export const webhookEnvelope = z.object({
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  id: z.string().trim().min(1).max(128),
  type: z.string().trim().min(1).max(100),
  created: vTime,
  account_code: z.string().nullish(),
  clinic_code: z.string().nullish(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>;

/**
 * `eligibility.checked` data. `eligibility_response` is free text in the only sample ("No response
 * received by clearinghouse"); an object (a clearinghouse's structured answer) is read by its
 * `status` or `message`.
 */
export const eligibilityChecked = z.object({
  eligibility_id: vId,
  member_id: vId,
  eligibility_response: z.union([
    z.string(),
    z.object({ status: z.string().nullish(), message: z.string().nullish() }).transform((o) => o.status ?? o.message ?? ''),
  ]),
  external_member_id: vId.nullish(),
});
export type EligibilityChecked = z.infer<typeof eligibilityChecked>;

/** `visit.*` data, v1 and v2 alike: ids as strings, times as unix seconds, status code or word. */
export const visitEventData = z.object({
  id: vId,
  member_id: vId.nullish(),
  provider_id: vId.nullish(),
  start: vTime.nullish(),
  end: vTime.nullish(),
  actual_start: vTime.nullish(),
  actual_end: vTime.nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
  completed_by: vId.nullish(),
  status_updated_by: vId.nullish(),
});
export type VisitEventData = z.infer<typeof visitEventData>;

export const VISIT_EVENT_TYPES = [
  'visit.created',
  'visit.updated',
  'visit.ended',
  'visit.note.signed_and_sent',
  'visit.invoice.processed',
] as const;
export type VisitEventType = (typeof VISIT_EVENT_TYPES)[number];

export type EligibilityState = 'active' | 'inactive' | 'unknown';

/**
 * Reads an eligibility answer. VSee documents one wording only ("No response received by
 * clearinghouse" — no answer either way); the X12 271 words clearinghouses pass on ("Active
 * Coverage", "Inactive") decide the rest. Anything unclear is `unknown`: the patient is told we
 * could not confirm, never that they are not covered.
 */
export function eligibilityState(response: string | null | undefined): EligibilityState {
  const s = (response ?? '').toLowerCase();
  if (/\b(inactive|not active|terminated|ineligible|not eligible|not covered)\b/.test(s)) return 'inactive';
  if (/\b(active|eligible|covered)\b/.test(s)) return 'active';
  return 'unknown';
}
