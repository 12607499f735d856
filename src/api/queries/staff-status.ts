/** The ops status page's counters (GET /api/staff/status). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet, isUnauthorized } from '../client';
import { staffStatus, type StaffStatus } from '../staff-status';

/**
 * The status counters, every 30 s while the page is open. `token`: the ADMIN_API_TOKEN a staff
 * member typed in (kept in memory only); without it the staff session's cookie must do. `null`:
 * neither opened it. (A 401 here is not a patient's session ending, so it never reaches the
 * caches as an error: that would show the "session ended" screen.)
 */
export const staffStatusQueries = {
  all: ['staff-status'] as const,
  counters: (token: string | null, attempt = 0) =>
    queryOptions({
      // Which attempt with a token, never the token itself (query keys are visible in dev tools).
      queryKey: [...staffStatusQueries.all, token ? attempt : 'session'] as const,
      queryFn: async ({ signal }): Promise<StaffStatus | null> => {
        try {
          return await apiGet('/api/staff/status', staffStatus, { signal, ...(token ? { bearer: token } : {}) });
        } catch (error) {
          if (isUnauthorized(error)) return null;
          throw error;
        }
      },
      refetchInterval: 30_000,
      retry: false,
    }),
};
