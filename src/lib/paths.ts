/**
 * Every route path in one place. Only opaque ids ever go into a URL: never a name, birth date,
 * email, phone or reason for visit.
 */
import type { BookingKind } from './booking-flow';

const visitPath = (id: string) => `/visits/${encodeURIComponent(id)}`;

export const paths = {
  start: '/',
  /** The patient is somewhere the clinic does not see patients (the start page's "Where are you?"). */
  outOfArea: '/out-of-area',
  details: { pattern: '/book/:kind/details', to: (kind: BookingKind) => `/book/${kind}/details` },
  payment: { pattern: '/book/:kind/payment', to: (kind: BookingKind) => `/book/${kind}/payment` },
  /** A clinic that takes a walk-in's details at booking (for whom, contact, billing, terms). */
  visitDetails: '/book/walkin/visit',
  appointmentTime: '/book/appointment/time',
  appointmentReview: '/book/appointment/review',
  /** No time suits: the details the clinic's own scheduling page needs, then back to the time step to go there. */
  appointmentMoreTimes: '/book/appointment/more-times',
  visits: '/visits',
  visit: { pattern: '/visits/:id', to: visitPath },
  rescheduleTime: { pattern: '/visits/:id/reschedule', to: (id: string) => `${visitPath(id)}/reschedule` },
  rescheduleReview: { pattern: '/visits/:id/reschedule/review', to: (id: string) => `${visitPath(id)}/reschedule/review` },
  /** The summary PDF is served by the proxy itself: a plain link downloads it (the cookie goes along). */
  visitSummary: (id: string) => `/api/visits/${encodeURIComponent(id)}/summary`,
  waitingRoom: { pattern: '/waiting-room/:id', to: (id: string) => `/waiting-room/${encodeURIComponent(id)}` },
  /** Clinic staff: how booking is going (counts only). */
  staffStatus: '/staff/status',
  /** A provider's own waiting room: the patientUrl provisioning hands out. */
  room: { pattern: '/r/:roomCode', to: (code: string) => `/r/${encodeURIComponent(code)}` },
  /** A provider launched by their health system (not a patient page). */
  staff: '/staff',
  /** The return link (decision 031): a sealed token, no id or name readable in it. */
  returnVisit: { pattern: '/v/:token' },
} as const;
