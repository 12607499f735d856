/**
 * Every route path in one place. Only opaque ids ever go into a URL: never a name, birth date,
 * email, phone or reason for visit.
 */
import type { BookingKind } from '../lib/booking-flow';

export const paths = {
  start: '/',
  details: { pattern: '/book/:kind/details', to: (kind: BookingKind) => `/book/${kind}/details` },
  appointmentTime: '/book/appointment/time',
  appointmentReview: '/book/appointment/review',
  visit: { pattern: '/visits/:id', to: (id: string) => `/visits/${encodeURIComponent(id)}` },
  waitingRoom: { pattern: '/waiting-room/:id', to: (id: string) => `/waiting-room/${encodeURIComponent(id)}` },
} as const;
