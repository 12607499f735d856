import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, isUnauthorized } from '../../../api/client';
import { session, type GuestSessionRequest, type Session } from '../../../api/contract';

export const sessionKey = ['session'] as const;

/** Who is signed in; `null` when nobody is (a 401 here is an answer, not an error). */
export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await apiGet('/api/session', session, { signal });
      } catch (error) {
        if (isUnauthorized(error)) return null;
        throw error;
      }
    },
    // The header asks on every page and the details page asks again; our own sign-in and sign-out
    // update the cache directly, and an expired session shows itself as a 401 on the next call.
    staleTime: 30_000,
  });
}

/** A new guest patient: the proxy picks the patient’s identity and sets the session cookie. */
export function useGuestSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GuestSessionRequest) => apiSend('POST', '/api/session/guest', body, session),
    onSuccess: (data) => queryClient.setQueryData(sessionKey, data),
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
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'clinic' && query.queryKey[0] !== 'session' });
    },
  });
}
