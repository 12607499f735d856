/** The clinic's settings (the same whoever is signed in), or those of a provider's room (lib/room.ts). */
import { queryOptions, type Query } from '@tanstack/react-query';
import { currentRoom } from '../../lib/room';
import { apiGet } from '../client';
import { areaStatus, clinic } from '../first-page-contract';

export const clinicQueries = {
  all: ['clinic'] as const,
  settings: (room: string | null = currentRoom()) =>
    queryOptions({
      queryKey: [...clinicQueries.all, room] as const,
      queryFn: ({ signal }) => apiGet(room ? `/api/clinic?room=${encodeURIComponent(room)}` : '/api/clinic', clinic, { signal }),
      // Opening hours and settings change rarely; a minute is fresh enough.
      staleTime: 60_000,
    }),
  /** Whether the clinic can see a patient in this area now, the wait and the price (asked again each minute while shown). */
  area: (areaId: string, room: string | null = currentRoom()) =>
    queryOptions({
      queryKey: [...clinicQueries.all, room, 'area', areaId] as const,
      queryFn: ({ signal }) =>
        apiGet(`/api/clinic/areas/${encodeURIComponent(areaId)}${room ? `?room=${encodeURIComponent(room)}` : ''}`, areaStatus, { signal }),
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
};

/** Everything cached but the clinic's settings belongs to the patient signed in now. */
export const isPatientData = (query: Pick<Query, 'queryKey'>): boolean => query.queryKey[0] !== clinicQueries.all[0];
