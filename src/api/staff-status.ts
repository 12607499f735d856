/**
 * The clinic status page's data (GET /api/staff/status): counts only — kinds, outcomes, steps and
 * buckets per UTC day — never a patient, a name or an id. Shared by the proxy and the SPA.
 */
import { z } from 'zod/mini';

export const BOOKING_KINDS = ['walkin', 'appointment', 'econsult'] as const;
/** booked; recovered after a lost answer; refused (the request: slot taken, bad input…); failed (our side or the vendor's). */
export const BOOKING_OUTCOMES = ['booked', 'recovered', 'refused', 'failed'] as const;
export const FUNNEL_STEPS = ['started', 'details', 'time_chosen', 'booked'] as const;
/** ambiguous: no usable answer (dropped connection, garbled or wrongly shaped). */
export const VENDOR_OUTCOMES = ['ok', '4xx', '5xx', 'timeout', 'ambiguous'] as const;
/** Upper bounds (seconds) of the vendor latency buckets; one more bucket holds the slower calls. */
export const LATENCY_BOUNDS = [0.1, 0.25, 0.5, 1, 2, 4, 8] as const;
/** Upper bounds (minutes) of the queue-wait buckets; one more bucket holds the longer waits. */
export const WAIT_BOUNDS = [2, 5, 10, 15, 30, 60] as const;

export type BookingKind = (typeof BOOKING_KINDS)[number];
export type BookingOutcome = (typeof BOOKING_OUTCOMES)[number];
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type VendorOutcome = (typeof VENDOR_OUTCOMES)[number];

const count = z.int().check(z.minimum(0));
const counts = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [P in K[number]]: typeof count });

export const statusPeriod = z.object({
  bookings: z.object({ walkin: counts(BOOKING_OUTCOMES), appointment: counts(BOOKING_OUTCOMES), econsult: counts(BOOKING_OUTCOMES) }),
  funnel: counts(FUNNEL_STEPS),
  vendor: counts(VENDOR_OUTCOMES),
  /** Counts per LATENCY_BOUNDS bucket, plus one for slower. */
  vendorLatency: z.array(count).check(z.length(LATENCY_BOUNDS.length + 1)),
  /** Counts per WAIT_BOUNDS bucket, plus one for longer. */
  queueWaits: z.array(count).check(z.length(WAIT_BOUNDS.length + 1)),
});
export type StatusPeriod = z.infer<typeof statusPeriod>;

export const staffStatus = z.object({
  generatedAt: z.iso.datetime(),
  /** The seven UTC days reported, oldest first; the last is today. */
  days: z.array(z.iso.date()).check(z.length(7)),
  today: statusPeriod,
  week: statusPeriod,
  /** Visits booked (booked + recovered) per day, by kind. */
  bookedByDay: z.array(z.object({ day: z.iso.date(), walkin: count, appointment: count, econsult: count })).check(z.length(7)),
});
export type StaffStatus = z.infer<typeof staffStatus>;
