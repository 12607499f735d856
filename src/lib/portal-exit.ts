/**
 * Leaving for the clinic's VSee portal. Outside a frame (and with `self`) this page navigates;
 * embedded, the clinic's setting decides: the whole window (`top`), or a new tab (default; the host
 * page stays) by a real link.
 */
import type { Clinic } from '../api/contract';

/** `leaving`: this page is going away; `link`: the patient presses a link to go (the browser refused to navigate). */
export type HandoffOutcome = { kind: 'leaving' } | { kind: 'link'; url: string };

export interface Exit {
  go(url: string): HandoffOutcome;
  abandon(): void;
}

const LEAVING: HandoffOutcome = { kind: 'leaving' };

/**
 * Runs in the click handler itself, before any await. `null`: not embedded. Embedded with
 * `new-tab`, pages leave by a real link (components/portal-link.tsx) and never come here; should
 * one, the patient gets the link to press: a tab opened blank by script is cut off by a host that
 * isolates itself (Cross-Origin-Opener-Policy).
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
          return { kind: 'link', url };
        }
      },
      abandon: () => {},
    };
  }
  return { go: (url) => ({ kind: 'link', url }), abandon: () => {} };
}
