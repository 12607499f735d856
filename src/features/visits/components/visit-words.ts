/** Visits in the patient's words: what kind of visit, and where it stands. */
import type { Visit, VisitKind } from '../../../api/contract';

export const KIND_WORDS: Record<VisitKind, string> = {
  appointment: 'Video appointment',
  walkin: 'Walk-in video visit',
  econsult: 'E-consult',
};

export function statusWords(visit: Pick<Visit, 'kind' | 'status'>): string {
  switch (visit.status) {
    case 'pending':
      return visit.kind === 'appointment' ? 'Requested' : 'Waiting for a provider';
    case 'confirmed':
      if (visit.kind === 'econsult') return 'Sent, waiting for a provider';
      return visit.kind === 'walkin' ? 'Waiting for a provider' : 'Confirmed';
    case 'in_progress':
      return visit.kind === 'econsult' ? 'A provider is reviewing it' : 'In progress';
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
  }
}
