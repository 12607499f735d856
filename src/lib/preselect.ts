/**
 * A provider chosen before the patient arrives: `?provider=<id>` on a link, or
 * `Frontdesk.mount(el, {provider})` in an embed. The id is the room's public provider id (decision
 * 053), not PHI; it is read once at startup, taken out of the address, and kept in memory. The
 * provider step shows it chosen when it is on the clinic's list, and "Any available provider"
 * otherwise.
 */
const PROVIDER_ID = /^[0-9A-Za-z_-]{1,40}$/;
let preselected: string | null = null;

/** Once at startup (main.tsx). */
export function initPreselect(): void {
  const url = new URL(window.location.href);
  const raw = url.searchParams.get('provider');
  preselected = raw !== null && PROVIDER_ID.test(raw) ? raw : null;
  if (url.searchParams.has('provider')) {
    url.searchParams.delete('provider');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
}

export const preselectedProvider = (): string | null => preselected;

/** For tests: as if the page had been opened with (or without) `?provider=`. */
export function setPreselectedProvider(id: string | null): void {
  preselected = id !== null && PROVIDER_ID.test(id) ? id : null;
}
