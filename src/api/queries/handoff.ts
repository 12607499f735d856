/**
 * Handing the patient off to the clinic's VSee portal: our proxy makes a one-time address (it
 * carries a sign-in token), and the patient goes there (src/lib/portal-exit.ts says how).
 */
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { emitEmbed, isEmbedded } from '../../lib/embed';
import { enFirst } from '../../lib/i18n/en-first';
import { prepareExit, type Exit } from '../../lib/portal-exit';
import { ApiRequestError, apiSend } from '../client';
import { handoff, type HandoffRequest } from '../contract';
import { clinicQueries } from './clinic';
import { staffDashboardUrl } from './staff';

async function requestHandoff(body: HandoffRequest): Promise<string> {
  const { url } = await apiSend('POST', '/api/handoff', body, handoff);
  return checkPortalUrl(url);
}

/** Only ever leave for a web page: never run a script: or data: address, whoever sent it. */
export function checkPortalUrl(url: string): string {
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new ApiRequestError({ status: 200, code: 'bad_response', message: enFirst.errors.portalAddress });
  }
  return url;
}

/**
 * A portal address itself, for a real link (embedded with `new-tab`, see components/portal-link):
 * fetched when the page can leave, fetched again every few minutes so its sign-in token is fresh
 * when the patient clicks.
 */
function portalAddress(key: unknown[], request: () => Promise<string>) {
  return queryOptions({
    queryKey: ['handoff', ...key],
    queryFn: request,
    staleTime: 4 * 60_000,
    refetchInterval: 4 * 60_000,
    retry: false,
  });
}

export type PortalAddress = ReturnType<typeof portalAddress>;

export const handoffQueries = {
  url: (body: HandoffRequest) => portalAddress([body], () => requestHandoff(body)),
  /** A provider's VSee dashboard (the staff page). */
  staffDashboard: () => portalAddress(['provider-dashboard'], async () => checkPortalUrl(await staffDashboardUrl())),
};

/** Embedded with `new-tab`: leave by a real link (PortalLink), never by a window opened from script. */
export function useLeavesByLink(): boolean {
  const mode = useQuery(clinicQueries.settings()).data?.handoffTarget ?? 'new-tab';
  return isEmbedded() && mode === 'new-tab';
}

/** A handoff for a button: call `start` from its click handler. */
export function useHandoff(body: HandoffRequest) {
  return usePortalExit(() => requestHandoff(body), body.target);
}

/**
 * Leaving for a portal address that `request` gets from our proxy (the patient's visit, or a
 * provider's dashboard); `target` is what the host page is told.
 */
export function usePortalExit(request: () => Promise<string>, target: string) {
  const mode = useQuery(clinicQueries.settings()).data?.handoffTarget ?? 'new-tab';
  const mutation = useMutation({
    mutationFn: async (exit: Exit) => {
      let url: string;
      try {
        url = await request();
      } catch (error) {
        exit.abandon();
        throw error;
      }
      const outcome = exit.go(url);
      // The host page learns where the patient went, never the address (it carries a sign-in token).
      if (outcome.kind !== 'link') emitEmbed('handoff', { target });
      return outcome;
    },
  });
  return {
    start: () => mutation.mutate(prepareExit(isEmbedded() ? mode : null)),
    /** Asking the proxy, or this page is on its way out. */
    busy: mutation.isPending || mutation.data?.kind === 'leaving',
    outcome: mutation.data ?? null,
    error: mutation.error,
    /** For the fallback link: the patient leaves when they follow it. */
    followedLink: () => emitEmbed('handoff', { target }),
  };
}
