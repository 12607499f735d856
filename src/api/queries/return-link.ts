/**
 * The return link (`/v/<token>`, decision 031): made for a signed-in patient's appointment, and
 * opened in any browser without a session. The token goes in request bodies, never in an API URL.
 */
import { queryOptions } from '@tanstack/react-query';
import { apiSend } from '../client';
import { handoff, returnLink, returnVisit } from '../contract';
import { checkPortalUrl } from './handoff';

export const returnLinkQueries = {
  all: ['return-link'] as const,
  /** The link to this appointment (signed in): one per visit, kept for the page's life. */
  forVisit: (visitId: string) =>
    queryOptions({
      queryKey: [...returnLinkQueries.all, 'for', visitId],
      queryFn: () => apiSend('POST', `/api/visits/${encodeURIComponent(visitId)}/return-link`, {}, returnLink),
      staleTime: Infinity,
      retry: false,
    }),
  /** The visit a return link opens, and when joining opens. */
  visit: (token: string) =>
    queryOptions({
      queryKey: [...returnLinkQueries.all, 'visit', token],
      queryFn: () => apiSend('POST', '/api/return/visit', { token }, returnVisit),
      retry: false,
    }),
  /** The portal address to join by, asked for once joining has opened; a link the patient follows. */
  join: (token: string) =>
    queryOptions({
      queryKey: [...returnLinkQueries.all, 'join', token],
      // Only ever a web page, like every portal address (handoff.ts).
      queryFn: async () => {
        const { url } = await apiSend('POST', '/api/return/handoff', { token }, handoff);
        return checkPortalUrl(url);
      },
      // The address carries a sign-in token that VSee honours for a while: fetch it fresh when used.
      staleTime: 60_000,
      retry: false,
    }),
};
