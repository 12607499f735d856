import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import { clinic } from '../api/contract';
import { currentRoom } from './room';

/** The clinic's settings, or those of the provider's room the patient came in through (lib/room.ts). */
export function clinicQueryOptions(room: string | null = currentRoom()) {
  return queryOptions({
    queryKey: ['clinic', room],
    queryFn: ({ signal }) => apiGet(room ? `/api/clinic?room=${encodeURIComponent(room)}` : '/api/clinic', clinic, { signal }),
    // Opening hours and settings change rarely; a minute is fresh enough.
    staleTime: 60_000,
  });
}
