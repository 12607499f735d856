import { queryOptions } from '@tanstack/react-query';
import { apiGet, isUnauthorized } from '../../../api/client';
import { staffStatus, type StaffStatus } from '../../../api/staff-status';

/**
 * The status counters, every 30 s while the page is open. `token`: the ADMIN_API_TOKEN a staff
 * member typed in (kept in memory only); without it the staff session's cookie must do. `null`:
 * neither opened it. (A 401 here is not a patient's session ending, so it never reaches the
 * caches as an error: that would show the "session ended" screen.)
 */
export function staffStatusQueryOptions(token: string | null, attempt = 0) {
  return queryOptions({
    // Which attempt with a token, never the token itself (query keys are visible in dev tools).
    queryKey: ['staff-status', token ? attempt : 'session'] as const,
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
  });
}
