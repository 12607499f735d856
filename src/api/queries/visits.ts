/**
 * The patient's visits: the list, one visit, and everything that makes or changes one. This file
 * owns the visit keys and the one cache update after a change (`storeVisit`).
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { emitEmbed } from '../../lib/embed';
import { apiGet, apiSend, isApiRequestError } from '../client';
import {
  visit,
  visitList,
  visitWait,
  type AppointmentRequest,
  type CancelRequest,
  type EconsultRequest,
  type RescheduleRequest,
  type Visit,
  type WalkinRequest,
} from '../contract';
import { availabilityQueries } from './availability';

export const visitQueries = {
  all: ['visits'] as const,
  list: () =>
    queryOptions({
      queryKey: [...visitQueries.all, 'list'] as const,
      queryFn: ({ signal }) => apiGet('/api/visits', visitList, { signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...visitQueries.all, 'detail', id] as const,
      queryFn: ({ signal }): Promise<Visit> => apiGet(`/api/visits/${encodeURIComponent(id)}`, visit, { signal }),
    }),
  /** A waiting walk-in's estimated wait, asked again every minute while the page shows it. */
  wait: (id: string) =>
    queryOptions({
      queryKey: [...visitQueries.all, 'wait', id] as const,
      queryFn: ({ signal }) => apiGet(`/api/visits/${encodeURIComponent(id)}/wait`, visitWait, { signal }),
      refetchInterval: 60_000,
      staleTime: 30_000,
    }),
};

/** The proxy answered with the visit as it is now: show it at once, and ask for the list again. */
function storeVisit(queryClient: QueryClient, changed: Visit): void {
  queryClient.setQueryData(visitQueries.detail(changed.id).queryKey, changed);
  void queryClient.invalidateQueries({ queryKey: visitQueries.list().queryKey });
}

/**
 * Someone else took the chosen time: every list of times we hold may show it, so none is shown
 * again — the picker the patient goes back to asks afresh instead of showing the old list first.
 */
function forgetTakenTimes(queryClient: QueryClient, error: unknown): void {
  if (isApiRequestError(error) && error.code === 'slot_taken') queryClient.removeQueries({ queryKey: availabilityQueries.all });
}

const visitPath = (id: string, action: string) => `/api/visits/${encodeURIComponent(id)}/${action}`;

/** A create call carries the attempt's key, so a retry (or a double click) cannot book twice. */
type Attempt<T> = T & { idempotencyKey: string };

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Attempt<AppointmentRequest>) =>
      apiSend('POST', '/api/appointments', body satisfies AppointmentRequest, visit, { idempotencyKey }),
    onError: (error) => forgetTakenTimes(queryClient, error),
    onSuccess: (created) => {
      storeVisit(queryClient, created);
      // Embedded: the host page hears of it (ids and times only). A reschedule is not a new booking.
      emitEmbed('booked', { visitId: created.id, kind: created.kind, start: created.start });
    },
  });
}

/** Join the queue. */
export function useCreateWalkin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Attempt<WalkinRequest>) =>
      apiSend('POST', '/api/walkins', body satisfies WalkinRequest, visit, { idempotencyKey }),
    onSuccess: (created) => {
      storeVisit(queryClient, created);
      emitEmbed('walkin-joined', { visitId: created.id });
    },
  });
}

/** Send the e-consult. */
export function useCreateEconsult() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Attempt<EconsultRequest>) =>
      apiSend('POST', '/api/econsults', body satisfies EconsultRequest, visit, { idempotencyKey }),
    onSuccess: (created) => {
      storeVisit(queryClient, created);
      emitEmbed('booked', { visitId: created.id, kind: created.kind, start: created.start });
    },
  });
}

/** Move an appointment. The key belongs to the attempt (one chosen time), so a retry moves it once. */
export function useRescheduleAppointment(visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Attempt<RescheduleRequest>) =>
      apiSend('POST', visitPath(visitId, 'reschedule'), body satisfies RescheduleRequest, visit, { idempotencyKey }),
    onError: (error) => forgetTakenTimes(queryClient, error),
    onSuccess: (updated) => {
      storeVisit(queryClient, updated);
      // The old time is free again and the new one taken.
      void queryClient.invalidateQueries({ queryKey: availabilityQueries.all });
    },
  });
}

/**
 * Cancel an appointment, or take the patient out of the queue, telling the clinic why (VSee's
 * close reasons): they cancelled, they left, or they waited as long as the clinic allows.
 */
export function useCancelVisit(visitId: string, reason: CancelRequest['reason']) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', visitPath(visitId, 'cancel'), { reason } satisfies CancelRequest, visit),
    onSuccess: (updated) => {
      storeVisit(queryClient, updated);
      emitEmbed('cancelled', { visitId: updated.id });
    },
  });
}
