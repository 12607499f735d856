/**
 * Signing in as a guest and signing out. The details step and the review use them, the start page
 * does not: kept out of queries/session.ts, which the start page runs, so the first download
 * carries no mutation code (docs/decisions/068-first-page-bytes.md).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { expectSessionCookie, isEmbedded } from '../../lib/embed';
import { apiSend, isUnauthorized } from '../client';
import type { GuestSessionRequest } from '../contract';
import { session } from '../first-page-contract';
import { isPatientData } from './clinic';
import { sessionQueries } from './session';

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
