/** One visit, shared by the confirmation page and the waiting room (features never import each other). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import { visit, type Visit } from '../api/contract';

export const visitKeys = {
  all: ['visits'] as const,
  detail: (id: string) => ['visits', id] as const,
};

export function visitQueryOptions(id: string) {
  return queryOptions({
    queryKey: visitKeys.detail(id),
    queryFn: ({ signal }): Promise<Visit> => apiGet(`/api/visits/${encodeURIComponent(id)}`, visit, { signal }),
  });
}
