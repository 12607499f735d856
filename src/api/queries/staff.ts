/** The provider's session and what the staff page asks of the proxy (src/api/staff-contract.ts). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet, apiSend } from '../client';
import { STAFF_PATHS, staffHandoff, staffSession, staffSessionState, type StaffSession } from '../staff-contract';

export const staffQueries = {
  all: ['staff-session'] as const,
  /** Who is signed in as a provider; `null` when nobody is. */
  session: () =>
    queryOptions({
      queryKey: staffQueries.all,
      queryFn: async ({ signal }): Promise<StaffSession | null> => {
        const state = await apiGet(STAFF_PATHS.session, staffSessionState, { signal });
        return state.signedIn ? state : null;
      },
      staleTime: 30_000,
    }),
};

export const staffLaunch = (token: string) => apiSend('POST', STAFF_PATHS.launch, { token }, staffSession);

/** The provider's VSee dashboard address, signed in by a token minted just now. */
export const staffDashboardUrl = async () => (await apiSend('POST', STAFF_PATHS.handoff, {}, staffHandoff)).url;

export const staffSignOut = () => apiSend('DELETE', STAFF_PATHS.session, undefined, null);
