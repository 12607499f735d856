/**
 * GET /api/clinic/areas/:areaId: whether the clinic sees patients there now, the wait, the visit's
 * price. Apart from clinic.ts, which the start page loads: this parses with the full contract.
 */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../client';
import { areaStatus } from '../contract';
import { clinicQueries } from './clinic';

export const clinicAreaQueries = {
  area: (areaId: string) =>
    queryOptions({
      // Under the clinic's key: not the patient's data (isPatientData), the same for everyone.
      queryKey: [...clinicQueries.all, 'area', areaId] as const,
      queryFn: ({ signal }) => apiGet(`/api/clinic/areas/${encodeURIComponent(areaId)}`, areaStatus, { signal }),
      // The wait moves; the price hardly: half a minute is fresh enough for the step it is shown on.
      staleTime: 30_000,
    }),
};
