/** Who is signed in, shared by the layout, the start page and the booking pages (features never import each other). */
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api/client';
import { sessionState, type Session } from '../api/contract';
import { watchSessionAnswer } from './embed';

export const sessionKey = ['session'] as const;

/** Who is signed in; `null` when nobody is. */
export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: async ({ signal }): Promise<Session | null> => {
      // In a frame, the first answer after a sign-in also tells whether the browser kept the cookie.
      const answered = watchSessionAnswer();
      const state = await apiGet('/api/session', sessionState, { signal });
      answered(state.signedIn);
      return state.signedIn ? state : null;
    },
    // The header asks on every page and the details page asks again; our own sign-in and sign-out
    // update the cache directly, and an expired session shows itself as a 401 on the next patient call.
    staleTime: 30_000,
  });
}
