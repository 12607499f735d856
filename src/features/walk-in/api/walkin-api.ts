import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../api/client';
import { visit, type CancelRequest, type WalkinRequest } from '../../../api/contract';
import { emitEmbed } from '../../../lib/embed';
import { visitKeys } from '../../../lib/visit-query';

/** Join the queue. The key belongs to the booking attempt, so a retry cannot queue twice. */
export function useCreateWalkin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ intakeId, idempotencyKey }: { intakeId: string; idempotencyKey: string }) =>
      apiSend('POST', '/api/walkins', { intakeId } satisfies WalkinRequest, visit, { idempotencyKey }),
    onSuccess: (created) => {
      queryClient.setQueryData(visitKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      emitEmbed('walkin-joined', { visitId: created.id });
    },
  });
}

/**
 * Take the patient out of the queue, telling the clinic why: they left (`patient_exit_room`), or
 * they waited as long as the clinic allows (`max_waiting_time_reached`).
 */
export function useLeaveQueue(visitId: string, reason: 'patient_exit_room' | 'max_waiting_time_reached') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiSend('POST', `/api/visits/${encodeURIComponent(visitId)}/cancel`, { reason } satisfies CancelRequest, visit),
    onSuccess: (updated) => {
      queryClient.setQueryData(visitKeys.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      emitEmbed('cancelled', { visitId: updated.id });
    },
  });
}
