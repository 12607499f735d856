import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../api/client';
import { intake, type IntakeRequest } from '../../../api/contract';

export function useCreateIntake() {
  return useMutation({
    mutationFn: (body: IntakeRequest) => apiSend('POST', '/api/intakes', body, intake),
  });
}
