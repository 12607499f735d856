/** The clinic's settings: the same whoever is signed in. */
import { queryOptions, type Query } from '@tanstack/react-query';
import { apiGet } from '../client';
import { clinic } from '../contract';

export const clinicQueries = {
  all: ['clinic'] as const,
  settings: () =>
    queryOptions({
      queryKey: clinicQueries.all,
      queryFn: ({ signal }) => apiGet('/api/clinic', clinic, { signal }),
      // Opening hours and settings change rarely; a minute is fresh enough.
      staleTime: 60_000,
    }),
};

/** Everything cached but the clinic's settings belongs to the patient signed in now. */
export const isPatientData = (query: Pick<Query, 'queryKey'>): boolean => query.queryKey[0] !== clinicQueries.all[0];
