import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { availability, visit, type AppointmentRequest } from '../../../api/contract';
import { visitKeys } from '../../../lib/visit-query';

export const availabilityKeys = {
  all: ['availability'] as const,
  forIntake: (intakeId: string) => ['availability', intakeId] as const,
};

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
    onSuccess: (created) => queryClient.setQueryData(visitKeys.detail(created.id), created),
  });
}
