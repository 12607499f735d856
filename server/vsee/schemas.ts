/**
 * zod schemas of VSee objects as the real API sends them. Real payloads are untidy: ids come as
 * strings or numbers, times as unix seconds in strings or numbers, status as "10", 20 or a word.
 * These schemas coerce that variety into one shape and drop every field the product does not use
 * (a visit carries medical history we never want to hold).
 */
import { z } from 'zod';
import { CLOSE_REASONS } from './codes';

/** An id or code: "1525" or 1525 → "1525". */
export const vId = z.union([z.string().min(1), z.number().int()]).transform(String);

/** Unix seconds: "1458095488" or 1458095488 → 1458095488. */
export const vTime = z
  .union([z.number(), z.string().regex(/^\d+$/, 'unix seconds')])
  .transform((v) => Number(v));

/** A field VSee sends as a number, a numeric string, or not at all. */
const vNum = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform((v) => Number(v));

export const envelope = <T extends z.ZodType>(data: T) => z.object({ data });

export const vseeError = z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string() });

export const ssoUser = z.object({
  id: vId,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  token: z.object({
    token: z.string().min(1),
    expiry: vTime,
  }),
});

export const intakeCreated = z.object({ id: vId });

export const availabilitySlot = z.object({
  start: vTime,
  end: vTime,
  providers: z.array(vId).default([]),
});

const person = z.object({
  id: vId.optional(),
  full_name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  title: z.string().nullish(),
});

export function personName(p: z.infer<typeof person> | null | undefined): string | null {
  if (!p) return null;
  const name = p.full_name?.trim() || [p.first_name, p.last_name].filter(Boolean).join(' ').trim();
  if (!name) return null;
  return p.title?.trim() ? `${p.title.trim()} ${name}` : name;
}

/** A visit from any of add_walkin, POST /visits, GET /visits, GET /visits/:id, add_econsult. */
export const visit = z.object({
  id: vId,
  member_id: vId.nullish(),
  provider_id: vId.nullish(),
  code: z.string().nullish(),
  start: vTime,
  end: vTime,
  actual_start: vTime.nullish(),
  actual_end: vTime.nullish(),
  status: z.union([z.string(), z.number()]),
  type: vNum.nullish(),
  subtype: vNum.nullish(),
  subType: vNum.nullish(),
  room_code: z.string().nullish(),
  intake_id: vId.nullish(),
  one_time_link_token: z.string().nullish(),
  provider: person.nullish(),
  // Whom the visit is for, and who booked it (decision 067): only their ids and the patient's name are kept.
  member: person.pick({ full_name: true, first_name: true, last_name: true }).nullish().catch(null),
  creator: z.object({ id: vId }).nullish().catch(null),
  // Only the phone number a phone visit is called on; the intake carries much more (never kept).
  intake: z
    .object({ phone: z.union([z.string(), z.number()]).transform(String).nullish() })
    .nullish()
    .catch(null),
});
export type VseeVisit = z.infer<typeof visit>;

export const closed = z.object({ id: vId });

/**
 * Guest invite (seed 000, use case #5): the `code` of GET /visits/:id makes the join link
 * `{portal}visits/join/{code}`. It goes into a URL path, so only letters and digits pass (every
 * sample code is hex).
 */
export const guestInvite = z.object({
  id: vId,
  code: z.string().regex(/^[0-9A-Za-z]+$/, 'visit code'),
});

/** GET /visits/:id/exports/visit_summary: where the PDF summary can be fetched. */
export const visitSummaryExport = z.object({ url: z.url({ protocol: /^https?$/ }) });

export const closeReason = z.enum(CLOSE_REASONS);

/** A money amount as VSee sends it: `0` in rooms, `"00.00"` on visits. */
const vAmount = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number);

/**
 * One of a room's consultation types (§7, `payment.consultations[]`). Older samples have no `id`
 * (it cannot be chosen then); `subtype` is our assumption for phone/in-person types (decision 052).
 */
export const consultation = z.object({
  id: vId.optional(),
  description: z.string().nullish(),
  duration: vNum.nullish(),
  amount: vAmount.nullish(),
  charge: z.boolean().nullish(),
  visible_to_patient: z.boolean().nullish(),
  subtype: vNum.nullish().catch(null),
});
export type VseeConsultation = z.infer<typeof consultation>;

/** GET /rooms/:code/providers (§7.4): public; only what a patient choosing a provider sees. */
export const roomProvider = z.object({
  id: vId,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  title: z.string().nullish(),
  photo: z.string().nullish().catch(null),
});

export const room = z.object({
  code: z.string(),
  name: z.string(),
  payment: z
    .object({
      // One malformed consultation must not hide the room: it is dropped (see clinic.ts).
      consultations: z.array(z.unknown()).nullish(),
      currency: z.string().nullish(),
      paymentCurrency: z.string().nullish(),
    })
    .nullish()
    .catch(null),
  visits: z
    .object({
      walkin: z.object({ enabled: z.boolean() }).partial().optional(),
      appointment: z.object({ enabled: z.boolean() }).partial().optional(),
    })
    .partial()
    .optional(),
  operation_settings: z
    .object({
      is_closed: z.boolean(),
      close_msg: z.string().nullable(),
      default_timezone: z.string(),
    })
    .partial()
    .optional(),
});

/**
 * A room as POST /rooms, GET /rooms and POST /users/:id/rooms return it (§7): only what
 * provisioning needs. The code goes into patient URLs, so only letters, digits, "-" and "_" pass.
 */
export const roomSummary = z.object({
  id: vId.optional(),
  code: vId.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'room code')),
  slug: z.string().nullish(),
  name: z.string().nullish(),
  domain: z.string().nullish(),
  provider_ids: z.array(vId).nullish(),
});
export type VseeRoomSummary = z.infer<typeof roomSummary>;

/** VSee's 400 for a taken slug: `In domain 'vclinic.vsee.me' slug 'uat2' already exists.` */
export const ROOM_EXISTS = /^In domain '[^']*' slug '[^']*' already exists\.?$/;
