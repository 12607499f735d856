import { useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../api/client';
import { intake, type IntakeRequest } from '../../../api/contract';
import { currentRoom } from '../../../lib/room';

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
