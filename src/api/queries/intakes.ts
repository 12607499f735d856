/** The visit's details (reason, state, phone): VSee's intake, made before any visit. */
import { useMutation } from '@tanstack/react-query';
import { currentRoom } from '../../lib/room';
import { apiSend } from '../client';
import { intake, type IntakeRequest } from '../contract';

export function useCreateIntake() {
  return useMutation({
    // The intake is made for the provider's room the patient came in through, if any; the
    // proxy books it there.
    mutationFn: (body: IntakeRequest) => {
      const room = currentRoom();
      return apiSend('POST', '/api/intakes', room ? { ...body, room } : body, intake);
    },
  });
}
