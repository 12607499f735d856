/** Visits in the patient's words: what kind of visit, and where it stands. */
import type { Visit, VisitKind } from '../../../api/contract';
import type { Messages } from '../../../lib/i18n/en';

export function kindWords(kind: VisitKind, t: Messages['visits']): string {
  switch (kind) {
    case 'appointment':
      return t.kindAppointment;
    case 'walkin':
      return t.kindWalkin;
    case 'econsult':
      return t.kindEconsult;
  }
}

export function statusWords(visit: Pick<Visit, 'kind' | 'status'>, t: Messages['visits']): string {
  switch (visit.status) {
    case 'pending':
      return visit.kind === 'appointment' ? t.statusRequested : t.statusWaiting;
    case 'confirmed':
      if (visit.kind === 'econsult') return t.statusSentWaiting;
      return visit.kind === 'walkin' ? t.statusWaiting : t.statusConfirmed;
    case 'in_progress':
      return visit.kind === 'econsult' ? t.statusReviewing : t.statusInProgress;
    case 'completed':
      return t.statusCompleted;
    case 'cancelled':
      return t.statusCancelled;
  }
}
