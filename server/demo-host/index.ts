/**
 * "Riverside Health": a pretend health-system website on a second origin (127.0.0.1, another
 * site than localhost) that embeds frontdesk with embed.js and carries its signed-in demo patient
 * over with a launch token, as a real host would. Sandbox mode only; clinic staff show it when
 * they explain embedding.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { SEED_DEPENDENT, SEED_GUARDIAN } from '../dexcare-sandbox/seed';
import { signLaunchToken, type LaunchPatient } from './sign-launch-token';

export const DEMO_PATIENT: LaunchPatient = {
  sub: 'riverside-demo-jordan-rivera',
  givenName: 'Jordan',
  familyName: 'Rivera',
  birthdate: '1979-02-03',
  email: 'jordan.rivera@example.com',
};

/**
 * CLINIC_BACKEND=dexcare: the health system's sign-in gives the DexCare sandbox's seeded guardian,
 * his DexCare token and his daughter (decision 014), as a real host's would give its patient's.
 */
export const DEXCARE_DEMO_PATIENT: LaunchPatient = {
  sub: 'riverside-demo-daniel-reyes',
  givenName: SEED_GUARDIAN.firstName,
  familyName: SEED_GUARDIAN.lastName,
  birthdate: SEED_GUARDIAN.dateOfBirth,
  email: SEED_GUARDIAN.email,
  phone: SEED_GUARDIAN.phone,
  dexcare: {
    patientId: SEED_GUARDIAN.id,
    token: SEED_GUARDIAN.token,
    dependents: [{ id: SEED_DEPENDENT.id, givenName: SEED_DEPENDENT.firstName, familyName: SEED_DEPENDENT.lastName, birthdate: SEED_DEPENDENT.dateOfBirth }],
  },
};

/** The health system's signed-in clinician, launched as a provider (`frontdesk_role: "provider"`). */
export const DEMO_PROVIDER: LaunchPatient = {
  sub: 'riverside-provider-sam-patel',
  givenName: 'Sam',
  familyName: 'Patel',
  email: 'sam.patel@riverside-health.example',
};

export interface DemoHostOptions {
  /** Where frontdesk is (embed.js comes from here). */
  frontdeskUrl: string;
  /** This site's own origin. */
  origin: string;
  launch: { secret: string; issuer: string; audience: string };
  /** The signed-in patient this site launches (default Jordan Rivera; DexCare mode: DEXCARE_DEMO_PATIENT). */
  patient?: LaunchPatient;
  /** Only on-demand visits (DexCare v8): no appointment or provider links. */
  walkinOnly?: boolean;
}

const FLOWS = new Set(['appointment', 'walkin', 'econsult', 'visits']);

export function createDemoHost(opts: DemoHostOptions) {
  const app = new Hono();
  const patient = opts.patient ?? DEMO_PATIENT;
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", opts.frontdeskUrl],
        styleSrc: ["'self'"],
        frameSrc: [opts.frontdeskUrl],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      // Like many health systems' sites: isolated from windows it opens and that open it. Join
      // inside the frame must work under it (docs/embedding.md, section 5).
      crossOriginOpenerPolicy: 'same-origin',
    }),
  );

  const page = (title: string, body: unknown, who: LaunchPatient = patient) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} – Riverside Health</title>
    <link rel="stylesheet" href="/site.css" />
  </head>
  <body>
    <header class="site">
      <a class="brand" href="/">Riverside Health</a>
      <p class="who">Signed in as ${who.givenName} ${who.familyName}</p>
    </header>
    <main id="main">${body}</main>
    <footer><p>A demo health-system site served by the frontdesk sandbox. It is not a real provider.</p></footer>
  </body>
</html>`;

  app.get('/', (c) =>
    c.html(
      page(
        'Home',
        html`<h1>Welcome back, ${patient.givenName}</h1>
          <p>See a clinician by video without leaving Riverside Health. You are already signed in, so you will not need to enter your details again.</p>
          <ul class="actions">
            <li><a class="button" href="/book?flow=walkin">See a provider now</a></li>
            ${opts.walkinOnly ? '' : html`<li><a class="button" href="/book?flow=appointment">Schedule a video appointment</a></li>`}
            <li><a class="button secondary" href="/book?flow=visits">My video visits</a></li>
          </ul>
          ${opts.walkinOnly
            ? ''
            : html`<h2>For Riverside clinicians</h2>
                <p>Staff signed in to the Riverside portal go straight to their telehealth dashboard.</p>
                <ul class="actions">
                  <li><a class="button secondary" href="/provider">Open telehealth as a provider (${DEMO_PROVIDER.givenName} ${DEMO_PROVIDER.familyName})</a></li>
                </ul>`}`,
      ),
    ),
  );

  app.get('/book', (c) => {
    const flow = FLOWS.has(c.req.query('flow') ?? '') ? c.req.query('flow') : opts.walkinOnly ? 'walkin' : 'appointment';
    return c.html(
      page(
        'Book a video visit',
        html`<h1>Book a video visit</h1>
          <div id="booking" data-flow="${flow}"></div>
          <h2>Events from frontdesk</h2>
          <p>What this page's script received (the host can act on these).</p>
          <ol id="events" aria-live="polite"></ol>
          <script src="${opts.frontdeskUrl}/embed.js"></script>
          <script src="/book.js"></script>`,
      ),
    );
  });

  // The clinician's page: the same embed, in staff mode, with a provider launch token.
  app.get('/provider', (c) =>
    c.html(
      page(
        'Telehealth for providers',
        html`<h1>Telehealth for providers</h1>
          <div id="staff"></div>
          <script src="${opts.frontdeskUrl}/embed.js"></script>
          <script src="/provider.js"></script>`,
        DEMO_PROVIDER,
      ),
    ),
  );

  app.get('/provider.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(`(async () => {
  const res = await fetch('/launch-token?role=provider', { method: 'POST', headers: { 'X-Requested-With': 'fetch' } });
  const { token } = await res.json();
  window.frontdeskEvents = [];
  Frontdesk.mount(document.getElementById('staff'), { mode: 'staff', launchToken: token, onEvent: (event) => window.frontdeskEvents.push(event) });
})();
`);
  });

  // The host page asks its own server for a launch token when it mounts the booking frame.
  app.get('/book.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(`(async () => {
  const el = document.getElementById('booking');
  const log = document.getElementById('events');
  const res = await fetch('/launch-token', { method: 'POST', headers: { 'X-Requested-With': 'fetch' } });
  const { token } = await res.json();
  window.frontdeskEvents = [];
  Frontdesk.mount(el, {
    flow: el.dataset.flow,
    launchToken: token,
    onEvent: (event) => {
      window.frontdeskEvents.push(event);
      if (event.type === 'resize') return;
      const li = document.createElement('li');
      li.textContent = event.type + ' ' + JSON.stringify(event.data);
      log.append(li);
    },
  });
})();
`);
  });

  app.post('/launch-token', async (c) => {
    // Only this site's own page may ask (a real host checks its own session here).
    if (c.req.header('Origin') !== opts.origin || c.req.header('X-Requested-With') !== 'fetch') return c.json({ error: 'forbidden' }, 403);
    const token =
      c.req.query('role') === 'provider'
        ? await signLaunchToken(DEMO_PROVIDER, { ...opts.launch, ttlSeconds: 120, role: 'provider' })
        : await signLaunchToken(patient, { ...opts.launch, ttlSeconds: 120 });
    c.header('Cache-Control', 'no-store');
    return c.json({ token });
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/site.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(`body{margin:0;font-family:system-ui,sans-serif;color:#1b2a1f;background:#f6f8f4;line-height:1.5}
header.site{background:#1d5b3a;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.site .brand{color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none}
header.site .who{margin:0}
main{max-width:56rem;margin:0 auto;padding:1rem}
footer{max-width:56rem;margin:2rem auto;padding:0 1rem;color:#4a5a4f;font-size:.875rem}
#booking,#staff{background:#fff;border:1px solid #c8d3c9;border-radius:8px;overflow:hidden}
.actions{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.button{display:inline-block;padding:.75rem 1rem;border-radius:6px;background:#1d5b3a;color:#fff;text-decoration:none;font-weight:600}
.button.secondary{background:#fff;color:#1d5b3a;border:2px solid #1d5b3a}
a:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
#events{font-family:ui-monospace,monospace;font-size:.8125rem;color:#33443a;overflow-wrap:anywhere}`);
  });

  return app;
}
