/**
 * Whether this tab has ever had a patient session: a 401 then means the session ended; without
 * one, the visitor is new here and is told how to start instead. The proxy cannot tell the two
 * apart (an expired cookie is simply not sent), so the tab remembers. One non-PHI flag in
 * sessionStorage (this tab only, gone when it closes): no id, no name, no time.
 */
const KEY = 'frontdesk.had-session';

export function markHadSession(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // Storage refused (private mode, a sandboxed frame): the visitor is treated as new; the page
    // still says how to start.
  }
}

export function hadSession(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}
