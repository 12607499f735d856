/**
 * The DexCare sandbox's pages. `html` escapes every interpolated value; the only script is a
 * file (assets.ts). One <h1> per page, landmarks, labelled controls, AA contrast.
 */
import { html } from 'hono/html';

type Html = ReturnType<typeof html>;

export function page(title: string, base: string, body: Html, opts: { script?: boolean } = {}): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Riverside Virtual Care</title>
<link rel="stylesheet" href="${base}/assets/dexcare.css">
${opts.script ? html`<script src="${base}/assets/waiting-room.js" defer></script>` : ''}
</head>
<body>
<header>
<p class="brand">Riverside Virtual Care<span class="tag">DexCare sandbox</span></p>
</header>
<main>
${body}
</main>
<footer><p>This is a local stand-in for DexCare's virtual visit pages. No real video call takes place here.</p></footer>
</body>
</html>`;
}

export function messagePage(title: string, message: string, base: string): Html {
  return page(title, base, html`<h1>${title}</h1><p class="note error">${message}</p>`);
}

export interface WaitingRoomView {
  status: string;
  heading: string;
  statusText: string;
  /** "About 10 minutes", or "Not waiting" once the visit is no longer waiting. */
  waitText: string;
  region: string;
  forWhom: string;
  /** "Dr. …", or "Not yet assigned". */
  provider: string;
  statusUrl: string;
  selfUrl: string;
  leaveAction: string | null;
  providerHref: string;
}

export function waitingRoomPage(v: WaitingRoomView, base: string): Html {
  return page(
    v.heading,
    base,
    html`<div data-status-url="${v.statusUrl}" data-status="${v.status}">
<h1 id="visit-heading">${v.heading}</h1>
<p id="visit-status" class="status" role="status">${v.statusText}</p>
<dl class="facts">
<dt>Visit for</dt><dd>${v.forWhom}</dd>
<dt>Location</dt><dd>${v.region}</dd>
<dt>Estimated wait</dt><dd id="visit-wait">${v.waitText}</dd>
<dt>Provider</dt><dd id="visit-provider">${v.provider}</dd>
</dl>
<p class="note">In DexCare the video call opens on this page. In the sandbox, a provider starts the visit from the <a href="${v.providerHref}">sandbox provider page</a>; this page notices by itself.</p>
<p><a href="${v.selfUrl}">Check again</a></p>
${v.leaveAction
  ? html`<form id="leave-form" method="post" action="${v.leaveAction}"><button type="submit" class="secondary">Leave waiting room</button></form>`
  : ''}
</div>`,
    { script: true },
  );
}

export interface ProviderRow {
  id: string;
  patient: string;
  region: string;
  detail: string;
  action: { href: string; text: string; label: string };
}

/** A list rather than a table: it reads the same to a screen reader and fits a phone. */
function visitList(label: string, rows: ProviderRow[], empty: string): Html {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return html`<ul class="visits" aria-label="${label}">
${rows.map(
  (r) => html`<li><h3>${r.patient}</h3><p>${r.region} · ${r.detail}</p><form method="post" action="${r.action.href}"><button type="submit" aria-label="${r.action.label}">${r.action.text}</button></form></li>`,
)}
</ul>`;
}

export function providerPage(model: { waiting: ProviderRow[]; inVisit: ProviderRow[]; selfHref: string }, base: string): Html {
  return page(
    'Sandbox provider page',
    base,
    html`<h1>Sandbox provider page</h1>
<p class="note">This page stands in for the provider side of DexCare. In the sandbox it is open to anyone, with no sign-in. Patients are shown by first name and last initial only.</p>
<section aria-labelledby="waiting-heading">
<h2 id="waiting-heading">Waiting for a provider</h2>
${visitList('Virtual visits waiting, longest waiting first', model.waiting, 'Nobody is waiting.')}
</section>
<section aria-labelledby="in-visit-heading">
<h2 id="in-visit-heading">In a visit</h2>
${visitList('Virtual visits in progress', model.inVisit, 'No visit is in progress.')}
</section>
<p><a href="${model.selfHref}">Refresh</a></p>`,
  );
}
