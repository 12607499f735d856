/**
 * Who is signed in: a guest who gave their details, or the host site's patient (embedded launch).
 * What the first page runs; signing in as a guest and signing out are in session-changes.ts, so
 * react-query's mutation code downloads with the pages that use it (docs/decisions/068).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { watchSessionAnswer } from '../../lib/embed';
import { apiGet, apiSend } from '../client';
import { session, sessionState, type Session } from '../first-page-contract';
import { isPatientData } from './clinic';

export const sessionQueries = {
  all: ['session'] as const,
  /** Who is signed in; `null` when nobody is (the proxy answers nobody with a 200, not a 401). */
  current: () =>
    queryOptions({
      queryKey: sessionQueries.all,
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
    }),
};

/** Embedded: sign in the host site's patient with its launch token (src/embed/frame.ts). */
export function launchSession(token: string): Promise<Session> {
  return apiSend('POST', '/api/session/launch', { token }, session);
}

/**
 * Signed in by the host now. A "who is signed in?" sent before the sign-in may still be under way
 * and would answer "nobody": cancel it, show the patient at once, then ask everything again (that
 * fresh question also tells whether the browser kept the cookie).
 */
export async function showLaunchedPatient(queryClient: QueryClient, signedIn: Session): Promise<void> {
  await queryClient.cancelQueries({ queryKey: sessionQueries.all });
  queryClient.setQueryData(sessionQueries.all, signedIn);
  await queryClient.invalidateQueries({ predicate: isPatientData });
}

/** "Start again" after a session ended: nothing of the last patient stays in memory. */
export function forgetPatient(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: isPatientData });
}
