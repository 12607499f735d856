import { vi } from 'vitest';

/**
 * jsdom cannot navigate: replace `window.location` (undone after each test by the setup file) so a
 * handoff's `location.assign(url)` is recorded instead. Returns the recorded `assign`.
 */
export function stubLocation(href = 'http://localhost/visits/4821') {
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, href, assign });
  return assign;
}
