import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend, isUnauthorized } from '../../../api/client';
import { session, type GuestSessionRequest } from '../../../api/contract';
import { expectSessionCookie, isEmbedded } from '../../../lib/embed';
import { en } from '../../../lib/i18n/en';
import { sessionKey, sessionQueryOptions } from '../../../lib/session-query';

/** Why the sign-up stops when the frame's browser refused the cookie (for logs: the layout shows the patient the way out). */
const COOKIES_BLOCKED = en.session.cookiesBody;

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
        await queryClient.cancelQueries({ queryKey: sessionKey });
        // If the check itself fails (network), carry on: the next call tells.
        const current = await queryClient.fetchQuery({ ...sessionQueryOptions(), staleTime: 0 }).catch(() => created);
        if (!current) throw new Error(COOKIES_BLOCKED);
      }
      return created;
    },
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
