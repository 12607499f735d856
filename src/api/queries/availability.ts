/** Bookable times, for a new appointment's intake or for moving an appointment. */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../client';
import { availability, type AvailabilityFor } from '../contract';

export const availabilityQueries = {
  all: ['availability'] as const,
  range: (search: AvailabilityFor & { from: string; to: string }) => {
    const params = new URLSearchParams(Object.entries(search).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return queryOptions({
      queryKey: [...availabilityQueries.all, search],
      queryFn: ({ signal }) => apiGet(`/api/availability?${params.toString()}`, availability, { signal }),
    });
  },
  /** The clinic's open times before anyone signs in (no intake yet); re-checked with the intake before booking. */
  open: (range: { from: string; to: string }) =>
    queryOptions({
      queryKey: [...availabilityQueries.all, 'open', range],
      queryFn: ({ signal }) => apiGet(`/api/clinic/availability?${new URLSearchParams(range).toString()}`, availability, { signal }),
    }),
};
