/** Bookable times, for a new appointment's intake or for moving an appointment. */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../client';
import { currentRoom } from '../../lib/room';
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
  /**
   * The clinic's open times before anyone signs in (no intake yet), for the kind of visit and the
   * provider chosen (in the tab's provider room, if any); re-checked with the intake before booking.
   */
  open: (search: { from: string; to: string; visitTypeId?: string; providerId?: string }) => {
    const room = currentRoom();
    const query = { ...search, ...(room ? { room } : {}) };
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return queryOptions({
      queryKey: [...availabilityQueries.all, 'open', query],
      queryFn: ({ signal }) => apiGet(`/api/clinic/availability?${params.toString()}`, availability, { signal }),
    });
  },
};
