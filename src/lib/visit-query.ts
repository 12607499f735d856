/** One visit, shared by the visit page, the waiting room and rescheduling (features never import each other). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import { visit, type Visit } from '../api/contract';

export const visitKeys = {
  all: ['visits'] as const,
  list: ['visits', 'list'] as const,
  detail: (id: string) => ['visits', 'detail', id] as const,
};

export function visitQueryOptions(id: string) {
  return queryOptions({
    queryKey: visitKeys.detail(id),
    queryFn: ({ signal }): Promise<Visit> => apiGet(`/api/visits/${encodeURIComponent(id)}`, visit, { signal }),
  });
}

/** Whether the visit is an appointment still ahead of the patient, and so can be moved, shared or cancelled. */
export function isUpcomingAppointment(visit: Visit, now: number = Date.now()): boolean {
  return visit.kind === 'appointment' && visit.status === 'confirmed' && Date.parse(visit.end) > now;
}
