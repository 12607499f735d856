import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import { clinic } from '../api/contract';

export function clinicQueryOptions() {
  return queryOptions({
    queryKey: ['clinic'],
    queryFn: ({ signal }) => apiGet('/api/clinic', clinic, { signal }),
    // Opening hours and settings change rarely; a minute is fresh enough.
    staleTime: 60_000,
  });
}
