/**
 * Leaving for the clinic's VSee portal. Outside a frame (and with `self`) this page navigates;
 * embedded, the clinic's setting decides: a new tab (default; the host page stays), or the whole
 * window (`top`).
 */
import type { Clinic } from '../api/contract';

/** `leaving`: this page is going away; `new-tab`: the portal opened beside us; `link`: a popup blocker said no. */
export type HandoffOutcome = { kind: 'leaving' } | { kind: 'new-tab' } | { kind: 'link'; url: string };

export interface Exit {
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
 * `null`: not embedded.
 */
export function prepareExit(mode: Clinic['handoffTarget'] | null): Exit {
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
