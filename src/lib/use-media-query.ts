import { useCallback, useSyncExternalStore } from 'react';

/** Whether a media query matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query],
  );
  // No matchMedia (an old browser, a test DOM): the phone layout, which works everywhere.
  const read = () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false);
  return useSyncExternalStore(subscribe, read, () => false);
}

/** Two panes from this width (as the stylesheet's `min-width: 56.25rem`). */
export const WIDE_SCREEN = '(min-width: 56.25rem)';
