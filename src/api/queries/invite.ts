/** A guest invite link for a visit (VSee's use case 5). */
import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../client';
import { invite } from '../contract';

export function useCreateInvite(visitId: string) {
  return useMutation({
    mutationFn: () => apiSend('POST', `/api/visits/${encodeURIComponent(visitId)}/invite`, {}, invite),
  });
}
