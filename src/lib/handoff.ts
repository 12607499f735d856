/**
 * Leaving for the clinic's VSee portal: our proxy makes a one-time address, and the patient goes
 * there. Outside a frame (and with `self`) this page navigates; embedded, the clinic's setting
 * decides: a new tab (default; the host page stays), or the whole window (`top`).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiRequestError, apiSend } from '../api/client';
import { handoff, type Clinic, type HandoffRequest } from '../api/contract';
import { clinicQueryOptions } from './clinic-query';
import { en } from './i18n/en';
import { emitEmbed, isEmbedded } from './embed';

export async function requestHandoff(body: HandoffRequest): Promise<string> {
  const { url } = await apiSend('POST', '/api/handoff', body, handoff);
  // Only ever leave for a web page: never run a script: or data: address, whoever sent it.
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new ApiRequestError({ status: 200, code: 'bad_response', message: en.errors.portalAddress });
  }
  return url;
}

/** `leaving`: this page is going away; `new-tab`: the portal opened beside us; `link`: a popup blocker said no. */
export type HandoffOutcome = { kind: 'leaving' } | { kind: 'new-tab' } | { kind: 'link'; url: string };

interface Exit {
  go(url: string): HandoffOutcome;
  abandon(): void;
}

const LEAVING: HandoffOutcome = { kind: 'leaving' };

function intoTab(tab: Window | null, url: string): HandoffOutcome {
  if (!tab) return { kind: 'link', url };
  // The portal must not be able to script or redirect this page.
  tab.opener = null;
  tab.location.href = url;
  return { kind: 'new-tab' };
}

/**
 * Runs in the click handler itself, before any await: a popup blocker allows a new window only
 * there, so the new tab opens blank at once and gets its address when the proxy answers.
 */
function prepareExit(mode: Clinic['handoffTarget'] | null): Exit {
  if (mode === null || mode === 'self') {
    return {
      go: (url) => {
        window.location.assign(url);
        return LEAVING;
      },
      abandon: () => {},
    };
  }
  if (mode === 'top') {
    return {
      go: (url) => {
        try {
          // Allowed only on the patient's click (user activation); the browser may still refuse.
          (window.top ?? window).location.href = url;
          return LEAVING;
        } catch {
          return intoTab(window.open('', '_blank'), url);
        }
      },
      abandon: () => {},
    };
  }
  const tab = window.open('', '_blank');
  return { go: (url) => intoTab(tab, url), abandon: () => tab?.close() };
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
  const mode = useQuery(clinicQueryOptions()).data?.handoffTarget ?? 'new-tab';
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

/** Only ever leave for a web page: never run a script: or data: address, whoever sent it. */
export function checkPortalUrl(url: string): string {
  if (!/^https?:$/.test(new URL(url).protocol)) {
    throw new ApiRequestError({ status: 200, code: 'bad_response', message: en.errors.portalAddress });
  }
  return url;
}
