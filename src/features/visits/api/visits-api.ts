import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../api/client';
import { visit, visitList, type CancelRequest } from '../../../api/contract';
import { emitEmbed } from '../../../lib/embed';
import { visitKeys } from '../../../lib/visit-query';

export function visitListQueryOptions() {
  return queryOptions({
    queryKey: visitKeys.list,
    queryFn: ({ signal }) => apiGet('/api/visits', visitList, { signal }),
  });
}

export function useCancelAppointment(visitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiSend(
        'POST',
        `/api/visits/${encodeURIComponent(visitId)}/cancel`,
        { reason: 'patient_cancel_appointment' } satisfies CancelRequest,
        visit,
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(visitKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      emitEmbed('cancelled', { visitId: updated.id });
    },
  });
}
