/**
 * Portal markup. `html` escapes every interpolated value; nothing here runs script.
 * Pages: one <h1>, landmarks, labelled controls, colours with AA contrast (styles.ts).
 */
import { html } from 'hono/html';

type Html = ReturnType<typeof html>;

export interface Chrome {
  base: string;
  /** Show the portal navigation (hidden by `disable_navigation=1`). */
  nav: boolean;
  navLinks?: Array<{ href: string; label: string }>;
}

export function page(title: string, chrome: Chrome, body: Html): Html {
  const links = chrome.navLinks ?? [{ href: `${chrome.base}/vc/u/clinic`, label: 'My visits' }];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Sandbox Clinic</title>
<link rel="stylesheet" href="${chrome.base}/vc/assets/sandbox.css">
</head>
<body>
<header>
<p class="brand">Sandbox Clinic<span class="tag">VSee sandbox</span></p>
${chrome.nav
  ? html`<nav aria-label="Portal"><ul>${links.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul></nav>`
  : ''}
</header>
<main>
${body}
</main>
<footer><p>This is a local stand-in for the VSee Clinic portal. No real video call takes place here.</p></footer>
</body>
</html>`;
}

export function messagePage(title: string, message: string, chrome: Chrome): Html {
  return page(title, chrome, html`<h1>${title}</h1><p class="note error">${message}</p>`);
}

export interface VisitView {
  id: string;
  kind: string;
  provider: string | null;
  status: string;
  when: string;
  /** Label of the patient's leave/cancel button, or null when the visit is over. */
  leaveLabel: string | null;
  leaveAction: string;
  refreshHref: string;
  providerDashboardHref: string;
}

export function visitPage(v: VisitView, chrome: Chrome): Html {
  return page(
    'Video visit',
    chrome,
    html`<h1>Video visit</h1>
<dl class="facts">
<dt>Visit</dt><dd>${v.id}</dd>
<dt>Kind</dt><dd>${v.kind}</dd>
<dt>Provider</dt><dd>${v.provider ?? 'Waiting for a provider'}</dd>
<dt>Status</dt><dd>${v.status}</dd>
<dt>Time</dt><dd>${v.when}</dd>
</dl>
<p class="note">In VSee Clinic the video call opens on this page. In the sandbox, a provider starts the visit from the <a href="${v.providerDashboardHref}">sandbox provider dashboard</a>.</p>
<p><a href="${v.refreshHref}">Refresh status</a></p>
${v.leaveLabel
  ? html`<form method="post" action="${v.leaveAction}"><button type="submit" class="secondary">${v.leaveLabel}</button></form>`
  : ''}`,
  );
}

export interface PatientVisitRow {
  id: string;
  kind: string;
  when: string;
  provider: string;
  status: string;
  href: string | null;
}

/** The scheduling panel `/u/clinic?intake_id=…&action=appointment#schedule-appointment` opens (use case 3, step 3b). */
export interface SchedulePanel {
  visitType: string;
  times: Array<{ when: string; provider: string }>;
}

export function patientDashboard(name: string, rows: PatientVisitRow[], chrome: Chrome, schedule: SchedulePanel | null = null): Html {
  return page(
    'My visits',
    chrome,
    html`<h1>My visits</h1>
<p>Signed in as ${name}.</p>
${schedule
  ? html`<section id="schedule-appointment" aria-labelledby="schedule-heading">
<h2 id="schedule-heading">Schedule an appointment</h2>
<p>Visit type: ${schedule.visitType}. Your visit details are already filled in.</p>
${schedule.times.length === 0
  ? html`<p>No times are free in the next two weeks.</p>`
  : html`<ul>${schedule.times.map((t) => html`<li>${t.when} with ${t.provider}</li>`)}</ul>`}
</section>`
  : ''}
${rows.length === 0
  ? html`<p>You have no visits yet.</p>`
  : html`<table>
<caption>Your visits, earliest first</caption>
<thead><tr><th scope="col">Visit</th><th scope="col">Kind</th><th scope="col">Time</th><th scope="col">Provider</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr><th scope="row">${r.href ? html`<a href="${r.href}">Visit ${r.id}</a>` : html`Visit ${r.id}`}</th><td>${r.kind}</td><td>${r.when}</td><td>${r.provider}</td><td>${r.status}</td></tr>`,
)}
</tbody>
</table>`}`,
  );
}

export interface ProviderRow {
  id: string;
  patient: string;
  detail: string;
  provider: string;
  status: string;
  action: { href: string; text: string; label: string } | null;
}

function providerTable(caption: string, detailHeader: string, rows: ProviderRow[], empty: string): Html {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Patient</th><th scope="col">Visit</th><th scope="col">${detailHeader}</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr><th scope="row">${r.patient}</th><td>${r.id}</td><td>${r.detail}</td><td>${r.provider}</td><td>${r.status}</td><td>${r.action
    ? html`<form method="post" action="${r.action.href}" class="inline"><button type="submit" aria-label="${r.action.label}">${r.action.text}</button></form>`
    : ''}</td></tr>`,
)}
</tbody>
</table>`;
}

export interface ProviderDashboardModel {
  walkins: ProviderRow[];
  /** E-consults no provider has accepted yet. */
  econsults: ProviderRow[];
  /** Accepted e-consults, to be completed. */
  econsultsInProgress: ProviderRow[];
  today: ProviderRow[];
  todayText: string;
  timezone: string;
  /** A provider signed in by SSO: their name and rooms. Absent on the open demo dashboard. */
  provider?: { name: string; rooms: string[] };
}

function dashboardIntro(model: ProviderDashboardModel): Html {
  if (!model.provider) {
    return html`<h1>Sandbox provider dashboard</h1>
<p class="note">This page stands in for the provider side of VSee Clinic. In the sandbox it is open to anyone, with no sign-in. Patients are shown by first name and last initial only.</p>`;
  }
  const { name, rooms } = model.provider;
  return html`<h1>Provider dashboard</h1>
<p>Signed in as ${name}.</p>
<p class="note">${rooms.length === 0
  ? 'You are not assigned to a waiting room yet, so no patients are shown.'
  : `Patients in your ${rooms.length === 1 ? 'waiting room' : 'waiting rooms'}: ${rooms.join(', ')}. Patients are shown by first name and last initial only.`}</p>`;
}

export function providerDashboard(model: ProviderDashboardModel, chrome: Chrome): Html {
  return page(
    model.provider ? 'Provider dashboard' : 'Sandbox provider dashboard',
    chrome,
    html`${dashboardIntro(model)}
<section aria-labelledby="walkins-heading">
<h2 id="walkins-heading">Walk-ins waiting</h2>
${providerTable('Walk-ins, longest waiting first', 'Waiting', model.walkins, 'No walk-ins are waiting.')}
</section>
<section aria-labelledby="econsults-heading">
<h2 id="econsults-heading">E-consults to accept</h2>
${providerTable('E-consults to accept, oldest first', 'Waiting', model.econsults, 'No e-consults are waiting to be accepted.')}
</section>
<section aria-labelledby="econsults-active-heading">
<h2 id="econsults-active-heading">E-consults in progress</h2>
${providerTable('Accepted e-consults, oldest first', 'Accepted', model.econsultsInProgress, 'No e-consults are in progress.')}
</section>
<section aria-labelledby="today-heading">
<h2 id="today-heading">Today's appointments</h2>
<p>${model.todayText} (times in ${model.timezone}).</p>
${providerTable("Today's appointments, earliest first", 'Time', model.today, 'No appointments today.')}
</section>
<p><a href="${chrome.base}/vc/providers/dashboard">Refresh</a></p>`,
  );
}

export const GUEST_NAME_MAX = 100;

export interface GuestJoinForm {
  /** Where the form posts: the invite link itself. */
  action: string;
  /** What the guest typed, shown again after an error. */
  name: string;
  error: string | null;
}

/** `{portal}visits/join/{code}`: a guest enters a name and joins without an account. */
export function guestJoinPage(form: GuestJoinForm, chrome: Chrome): Html {
  return page(
    form.error ? 'Error: Join as a guest' : 'Join as a guest',
    chrome,
    html`<h1>Join as a guest</h1>
<p>You have been invited to a video visit at Sandbox Clinic. You do not need an account: tell the people in the visit who you are, then join.</p>
<form method="post" action="${form.action}" class="stack" novalidate>
<label for="guest-name">Your name</label>
${form.error ? html`<p id="guest-name-error" class="field-error">${form.error}</p>` : ''}
<input id="guest-name" name="name" type="text" autocomplete="name" maxlength="${GUEST_NAME_MAX}" value="${form.name}" required${form.error ? html` aria-invalid="true" aria-describedby="guest-name-error"` : ''}>
<button type="submit">Join visit</button>
</form>`,
  );
}

export interface GuestVisitView {
  guestName: string;
  kind: string;
  provider: string | null;
  status: string;
  when: string;
}

/** After joining: the visit's state, never the patient's details. */
export function guestJoinedPage(v: GuestVisitView, chrome: Chrome): Html {
  return page(
    'Joined as a guest',
    chrome,
    html`<h1>You have joined the visit as a guest</h1>
<p>You joined as ${v.guestName}.</p>
<dl class="facts">
<dt>Visit</dt><dd>${v.kind}</dd>
<dt>Provider</dt><dd>${v.provider ?? 'Waiting for a provider'}</dd>
<dt>Status</dt><dd>${v.status}</dd>
<dt>Time</dt><dd>${v.when}</dd>
</dl>
<p class="note">In VSee Clinic the video call opens on this page. The sandbox has no real call; keep this page open as the guest's place in the visit.</p>`,
  );
}
