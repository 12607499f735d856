/** The visit's details (reason, state, phone): VSee's intake, made before any visit. */
import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../client';
import { intake, type IntakeRequest } from '../contract';

export function useCreateIntake() {
  return useMutation({
    mutationFn: (body: IntakeRequest) => apiSend('POST', '/api/intakes', body, intake),
  });
}
