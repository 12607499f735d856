import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { availability, visit, type AppointmentRequest, type RescheduleRequest, type Visit } from '../../../api/contract';
import { emitEmbed } from '../../../lib/embed';
import { visitKeys } from '../../../lib/visit-query';

export const availabilityKeys = {
  all: ['availability'] as const,
  forIntake: (intakeId: string) => ['availability', intakeId] as const,
};

/** For moving an appointment the proxy takes `visit:<id>`: "the intake of this visit". */
export const rescheduleIntakeId = (visitId: string) => `visit:${visitId}`;

export function availabilityQueryOptions({ intakeId, from, to }: { intakeId: string; from: string; to: string }) {
  const search = new URLSearchParams({ from, to, intakeId });
  return queryOptions({
    queryKey: [...availabilityKeys.forIntake(intakeId), from, to],
    queryFn: ({ signal }) => apiGet(`/api/availability?${search.toString()}`, availability, { signal }),
  });
}

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: AppointmentRequest & { idempotencyKey: string }) =>
      apiSend('POST', '/api/appointments', body satisfies AppointmentRequest, visit, { idempotencyKey }),
    onSuccess: (created) => {
      queryClient.setQueryData(visitKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      // Embedded: the host page hears of it (ids and times only). A reschedule is not a new booking.
      emitEmbed('booked', { visitId: created.id, kind: created.kind, start: created.start });
    },
  });
}

/** Move an appointment. The key belongs to the attempt (one chosen time), so a retry moves it once. */
export function useRescheduleAppointment(visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: RescheduleRequest & { idempotencyKey: string }): Promise<Visit> =>
      apiSend('POST', `/api/visits/${encodeURIComponent(visitId)}/reschedule`, body satisfies RescheduleRequest, visit, {
        idempotencyKey,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(visitKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      // The old time is free again and the new one taken.
      void queryClient.invalidateQueries({ queryKey: availabilityKeys.all });
    },
  });
}
