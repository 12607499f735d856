import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../api/client';
import { visit, type EconsultRequest } from '../../../api/contract';
import { emitEmbed } from '../../../lib/embed';
import { visitKeys } from '../../../lib/visit-query';

/** Send the e-consult. The key belongs to the attempt, so a retry cannot send the question twice. */
export function useCreateEconsult() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ intakeId, idempotencyKey }: { intakeId: string; idempotencyKey: string }) =>
      apiSend('POST', '/api/econsults', { intakeId } satisfies EconsultRequest, visit, { idempotencyKey }),
    onSuccess: (created) => {
      queryClient.setQueryData(visitKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: visitKeys.list });
      // Embedded: the host page hears of it (ids and times only).
      emitEmbed('booked', { visitId: created.id, kind: created.kind, start: created.start });
    },
  });
}
