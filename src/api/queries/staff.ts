/** The provider's session and what the staff page asks of the proxy (src/api/staff-contract.ts). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiSend, isUnauthorized } from '../client';
import { STAFF_PATHS, staffHandoff, staffSession, type StaffSession } from '../staff-contract';

export const staffSessionKey = ['staff-session'] as const;

/** Who is signed in as a provider; `null` when nobody is (a 401 here is an answer, not an error). */
export function staffSessionQueryOptions() {
  return queryOptions({
    queryKey: staffSessionKey,
    queryFn: async ({ signal }): Promise<StaffSession | null> => {
      try {
        return await apiGet(STAFF_PATHS.session, staffSession, { signal });
      } catch (error) {
        if (isUnauthorized(error)) return null;
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

export const staffLaunch = (token: string) => apiSend('POST', STAFF_PATHS.launch, { token }, staffSession);

/** The provider's VSee dashboard address, signed in by a token minted just now. */
export const staffDashboardUrl = async () => (await apiSend('POST', STAFF_PATHS.handoff, {}, staffHandoff)).url;

export const staffSignOut = () => apiSend('DELETE', STAFF_PATHS.session, undefined, null);
