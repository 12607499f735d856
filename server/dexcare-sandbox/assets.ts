/** The sandbox pages' stylesheet and the waiting room's one script, served as files (CSP: 'self' only). */

export const STYLESHEET = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; color: #1b1b1b; background: #ffffff; line-height: 1.5; }
header { background: #14532d; color: #ffffff; padding: 0.75rem 1.25rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
.brand { margin: 0; font-weight: 700; }
.tag { display: inline-block; white-space: nowrap; font-weight: 400; font-size: 0.875rem; border: 1px solid #ffffff; border-radius: 0.25rem; padding: 0 0.375rem; margin-left: 0.5rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.25rem; }
footer { max-width: 60rem; margin: 2rem auto 0; padding: 1rem 1.25rem; color: #4a4a4a; border-top: 1px solid #c8c8c8; font-size: 0.875rem; }
a { color: #166534; }
h1 { font-size: 1.75rem; margin-top: 0; }
h1:focus { outline: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.visits { list-style: none; margin: 0 0 1rem; padding: 0; }
ul.visits li { border-bottom: 1px solid #c8c8c8; padding: 0.75rem 0; }
ul.visits h3 { margin: 0; font-size: 1.125rem; }
ul.visits p { margin: 0.25rem 0 0.5rem; }
button { font: inherit; color: #ffffff; background: #166534; border: 0; border-radius: 0.25rem; padding: 0.375rem 0.875rem; cursor: pointer; }
button.secondary { color: #166534; background: #ffffff; border: 1px solid #166534; }
a:focus-visible, button:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.note { background: #effaf3; border-left: 4px solid #166534; padding: 0.5rem 0.75rem; }
.error { border-left-color: #a4262c; background: #fbeeee; }
.status { font-size: 1.125rem; font-weight: 700; }
`;

/**
 * The waiting room asks for its visit's state every few seconds and, when it changes, updates the
 * heading and the status (a polite live region), so the patient hears that the visit started
 * without reloading. Without script the page's "Check again" link does the same by hand.
 */
export const WAITING_ROOM_SCRIPT = `(() => {
  const root = document.querySelector('[data-status-url]');
  if (!root) return;
  const url = root.getAttribute('data-status-url');
  let current = root.getAttribute('data-status');
  const heading = document.getElementById('visit-heading');
  const status = document.getElementById('visit-status');
  const wait = document.getElementById('visit-wait');
  const provider = document.getElementById('visit-provider');
  const leave = document.getElementById('leave-form');
  const final = (s) => s === 'done' || s === 'left';
  async function tick() {
    try {
      const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (res.ok) {
        const v = await res.json();
        if (wait && typeof v.waitText === 'string') wait.textContent = v.waitText;
        if (provider && typeof v.provider === 'string') provider.textContent = v.provider;
        if (v.status !== current) {
          current = v.status;
          root.setAttribute('data-status', current);
          if (heading) heading.textContent = v.heading;
          if (status) status.textContent = v.statusText;
          if (leave && v.status !== 'waiting') leave.hidden = true;
          document.title = v.heading + ' · Riverside Virtual Care';
        }
      }
    } catch (e) {
      // A missed poll is retried on the next tick.
    }
    if (!final(current)) setTimeout(tick, ${3000});
  }
  setTimeout(tick, 3000);
})();
`;
