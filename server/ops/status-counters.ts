/**
 * The clinic status page's numbers, kept in the shared store (KvStore: Redis when several copies
 * run) so every copy of the proxy reports the same: one counter per UTC day and thing counted,
 * kept nine days. Only kinds, outcomes, steps and bucket numbers: no ids, no names.
 */
import type { KvStore } from '../proxy/stores/store';
import {
  BOOKING_KINDS,
  BOOKING_OUTCOMES,
  FUNNEL_STEPS,
  LATENCY_BOUNDS,
  VENDOR_OUTCOMES,
  WAIT_BOUNDS,
  type BookingKind,
  type BookingOutcome,
  type FunnelStep,
  type StaffStatus,
  type StatusPeriod,
  type VendorOutcome,
} from '../../src/api/staff-status';

const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_MS = 9 * DAY_MS;

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const bucketOf = (bounds: readonly number[], v: number) => {
  const i = bounds.findIndex((b) => v <= b);
  return i === -1 ? bounds.length : i;
};

export interface StatusCounters {
  booking(kind: BookingKind, outcome: BookingOutcome): Promise<void>;
  funnel(step: FunnelStep): Promise<void>;
  vendor(outcome: VendorOutcome, seconds: number): Promise<void>;
  queueWait(seconds: number): Promise<void>;
  /** Today and the six days before it (UTC), as the status API sends them. */
  snapshot(): Promise<StaffStatus>;
}

type Period = StatusPeriod;

function emptyPeriod(): Period {
  const bookings = {} as Period['bookings'];
  for (const k of BOOKING_KINDS) bookings[k] = Object.fromEntries(BOOKING_OUTCOMES.map((o) => [o, 0])) as Record<BookingOutcome, number>;
  return {
    bookings,
    funnel: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Period['funnel'],
    vendor: Object.fromEntries(VENDOR_OUTCOMES.map((o) => [o, 0])) as Period['vendor'],
    vendorLatency: new Array<number>(LATENCY_BOUNDS.length + 1).fill(0),
    queueWaits: new Array<number>(WAIT_BOUNDS.length + 1).fill(0),
  };
}

export function createStatusCounters(kv: KvStore, now: () => number = Date.now): StatusCounters {
  const key = (day: string, what: string) => `stats:${day}:${what}`;
  const bump = async (what: string) => {
    await kv.incr(key(dayOf(now()), what), KEEP_MS);
  };

  async function readDay(day: string): Promise<Period> {
    const p = emptyPeriod();
    const reads: Promise<void>[] = [];
    const read = (what: string, put: (n: number) => void) =>
      reads.push(kv.get(key(day, what)).then((v) => put(Number(v ?? 0) || 0)));
    for (const k of BOOKING_KINDS) for (const o of BOOKING_OUTCOMES) read(`book:${k}:${o}`, (n) => (p.bookings[k][o] = n));
    for (const s of FUNNEL_STEPS) read(`funnel:${s}`, (n) => (p.funnel[s] = n));
    for (const o of VENDOR_OUTCOMES) read(`vendor:${o}`, (n) => (p.vendor[o] = n));
    p.vendorLatency.forEach((_, i) => read(`vlat:${i}`, (n) => (p.vendorLatency[i] = n)));
    p.queueWaits.forEach((_, i) => read(`wait:${i}`, (n) => (p.queueWaits[i] = n)));
    await Promise.all(reads);
    return p;
  }

  function add(into: Period, p: Period) {
    for (const k of BOOKING_KINDS) for (const o of BOOKING_OUTCOMES) into.bookings[k][o] += p.bookings[k][o];
    for (const s of FUNNEL_STEPS) into.funnel[s] += p.funnel[s];
    for (const o of VENDOR_OUTCOMES) into.vendor[o] += p.vendor[o];
    p.vendorLatency.forEach((n, i) => (into.vendorLatency[i]! += n));
    p.queueWaits.forEach((n, i) => (into.queueWaits[i]! += n));
  }

  return {
    booking: (kind, outcome) => bump(`book:${kind}:${outcome}`),
    funnel: (step) => bump(`funnel:${step}`),
    async vendor(outcome, seconds) {
      await Promise.all([bump(`vendor:${outcome}`), bump(`vlat:${bucketOf(LATENCY_BOUNDS, seconds)}`)]);
    },
    queueWait: (seconds) => bump(`wait:${bucketOf(WAIT_BOUNDS, seconds / 60)}`),
    async snapshot() {
      const t = now();
      const days = Array.from({ length: 7 }, (_, i) => dayOf(t - (6 - i) * DAY_MS));
      const periods = await Promise.all(days.map(readDay));
      const week = emptyPeriod();
      for (const p of periods) add(week, p);
      const booked = (p: Period, k: BookingKind) => p.bookings[k].booked + p.bookings[k].recovered;
      return {
        generatedAt: new Date(t).toISOString(),
        days,
        today: periods[periods.length - 1]!,
        week,
        bookedByDay: periods.map((p, i) => ({
          day: days[i]!,
          walkin: booked(p, 'walkin'),
          appointment: booked(p, 'appointment'),
          econsult: booked(p, 'econsult'),
        })),
      };
    },
  };
}
