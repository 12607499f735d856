/** Who is signed in: a guest who gave their details, or the host site's patient (embedded launch). */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { expectSessionCookie, isEmbedded, watchSessionAnswer } from '../../lib/embed';
import { apiGet, apiSend, isUnauthorized } from '../client';
import type { GuestSessionRequest } from '../contract';
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

/** Thrown when the frame's browser refused the session cookie (the layout shows the patient the way out). */
export class CookiesBlockedError extends Error {
  override readonly name = 'CookiesBlockedError';
}

/** A new guest patient: the proxy picks the patient’s identity and sets the session cookie. */
export function useGuestSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: GuestSessionRequest) => {
      const created = await apiSend('POST', '/api/session/guest', body, session);
      if (isEmbedded()) {
        // A third-party frame may lose the cookie: check now, before the next step fails as
        // "your session has ended". An answer already under way was asked without the cookie.
        expectSessionCookie();
        await queryClient.cancelQueries({ queryKey: sessionQueries.all });
        // If the check itself fails (network), carry on: the next call tells.
        const current = await queryClient.fetchQuery({ ...sessionQueries.current(), staleTime: 0 }).catch(() => created);
        if (!current) throw new CookiesBlockedError('The browser refused the session cookie in this frame');
      }
      return created;
    },
    onSuccess: (data) => queryClient.setQueryData(sessionQueries.all, data),
  });
}

/** "Not you?": end this session so someone else can book from the same browser. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiSend('DELETE', '/api/session', undefined, null);
      } catch (error) {
        // Already gone is what we wanted.
        if (!isUnauthorized(error)) throw error;
      }
    },
    onSuccess: () => {
      queryClient.setQueryData(sessionQueries.all, null);
      queryClient.removeQueries({ predicate: (query) => isPatientData(query) && query.queryKey[0] !== sessionQueries.all[0] });
    },
  });
}

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
