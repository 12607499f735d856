/**
 * The pages a DexCare handoff lands on and a provider side:
 *
 *   GET  DexCare/visit/{visitId}?brand={brand}          the waiting room (seed 004's waiting-room URL)
 *   GET  DexCare/visit/{visitId}/status?brand={brand}   its state as JSON, polled by the page's script
 *   POST DexCare/visit/{visitId}/leave?brand={brand}    the patient leaves the waiting room
 *   GET  provider                                       waiting visits with "Start visit"
 *   POST provider/visits/{visitId}/start | complete
 *
 * The visit id is a random GUID, so the waiting-room URL works as a capability link, as the
 * page's URL (visit id and brand, nothing else) implies. Pages show a patient as first name and
 * last initial only.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { STYLESHEET, WAITING_ROOM_SCRIPT } from './assets';
import type { Deps } from './deps';
import { visitWait } from './rules';
import type { Patient, Visit, VisitStatus } from './store';
import { messagePage, providerPage, waitingRoomPage, type ProviderRow } from './views';

const shortName = (p: { firstName: string; lastName: string } | undefined | null) =>
  p ? `${p.firstName} ${p.lastName.slice(0, 1)}.` : 'Unknown patient';

/** "About 2 minutes", "About 1 hour 10 minutes". */
export function aboutText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return `About ${unit(minutes, 'minute')}`;
  const rest = minutes % 60;
  return `About ${unit(Math.floor(minutes / 60), 'hour')}${rest ? ` ${unit(rest, 'minute')}` : ''}`;
}

const HEADINGS: Record<VisitStatus, { heading: string; statusText: (provider: string | null) => string }> = {
  waiting: { heading: 'You are in the waiting room', statusText: () => 'Waiting for a provider. Keep this page open.' },
  in_visit: { heading: 'Your visit has started', statusText: (p) => `Your visit has started: ${p ?? 'a provider'} has joined.` },
  done: { heading: 'Your visit has ended', statusText: () => 'Your visit has ended. You can close this page.' },
  left: { heading: 'You left the waiting room', statusText: () => 'You left the waiting room. This visit will not take place.' },
};

const minutesText = (ms: number) => {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  return m < 1 ? 'less than a minute' : `${m} min`;
};

export function createPages(deps: Deps): Hono {
  const { store } = deps;
  const base = deps.basePath;
  const pages = new Hono();

  pages.use('*', async (c, next) => {
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  pages.get('/assets/dexcare.css', (c) => c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  pages.get('/assets/waiting-room.js', (c) =>
    c.body(WAITING_ROOM_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );

  const show = (c: Context, status: ContentfulStatusCode, title: string, message: string) => c.html(messagePage(title, message, base), status);

  /** The visit behind a waiting-room URL: a known brand and a visit of that brand's practice. */
  const visitOf = (c: Context): Visit | { title: string; message: string } => {
    const brand = c.req.query('brand');
    const practice = [...store.practices.values()].find((p) => p.brand === brand);
    if (!practice) return { title: 'Page not found', message: 'This waiting-room link does not name a brand of this practice.' };
    const v = store.visits.get(c.req.param('visitId') ?? '');
    if (!v || v.practiceId !== practice.id) return { title: 'Visit not found', message: 'This visit is not available. Go back to the booking site and start again.' };
    return v;
  };
  const isVisit = (x: Visit | { title: string }): x is Visit => 'id' in x;
  const links = (v: Visit) => {
    const brand = encodeURIComponent(store.practices.get(v.practiceId)?.brand ?? '');
    const room = `${base}/DexCare/visit/${v.id}`;
    return { self: `${room}?brand=${brand}`, status: `${room}/status?brand=${brand}`, leave: `${room}/leave?brand=${brand}` };
  };
  const state = (v: Visit) => {
    const provider = v.providerId ? (store.providers.get(v.providerId)?.name ?? null) : null;
    const words = HEADINGS[v.status];
    return {
      status: v.status,
      heading: words.heading,
      statusText: words.statusText(provider),
      waitText: v.status === 'waiting' ? aboutText(visitWait(store, v)) : 'Not waiting',
      provider: provider ?? 'Not yet assigned',
    };
  };
  const forWhom = (v: Visit) => {
    const patient: Patient | undefined = store.patients.get(v.patientId);
    return v.declaration === 'other' && v.actor ? `${shortName(patient)} (booked by ${shortName(v.actor)})` : shortName(patient);
  };

  pages.get('/DexCare/visit/:visitId', (c) => {
    const v = visitOf(c);
    if (!isVisit(v)) return show(c, 404, v.title, v.message);
    const l = links(v);
    return c.html(
      waitingRoomPage(
        {
          ...state(v),
          region: store.regions.get(v.regionId)?.displayName ?? '',
          forWhom: forWhom(v),
          statusUrl: l.status,
          selfUrl: l.self,
          leaveAction: v.status === 'waiting' ? l.leave : null,
          providerHref: `${base}/provider`,
        },
        base,
      ),
    );
  });

  pages.get('/DexCare/visit/:visitId/status', (c) => {
    const v = visitOf(c);
    if (!isVisit(v)) return c.json({ message: v.title }, 404);
    return c.json(state(v));
  });

  pages.post('/DexCare/visit/:visitId/leave', (c) => {
    const v = visitOf(c);
    if (!isVisit(v)) return show(c, 404, v.title, v.message);
    if (v.status === 'waiting') {
      v.status = 'left';
      v.endedAt = deps.now();
    }
    return c.redirect(links(v).self, 303);
  });

  const row = (v: Visit, detail: string, act: 'start' | 'complete'): ProviderRow => {
    const patient = shortName(store.patients.get(v.patientId));
    const text = act === 'start' ? 'Start visit' : 'Complete visit';
    return {
      id: v.id,
      patient,
      region: store.regions.get(v.regionId)?.displayName ?? '',
      detail,
      // Unique names per row: the same patient may appear twice.
      action: { href: `${base}/provider/visits/${v.id}/${act}`, text, label: `${text} with ${patient} (${v.id.slice(0, 8)})` },
    };
  };

  pages.get('/provider', (c) => {
    const now = deps.now();
    const visits = [...store.visits.values()].sort((a, b) => a.created - b.created);
    return c.html(
      providerPage(
        {
          waiting: visits.filter((v) => v.status === 'waiting').map((v) => row(v, minutesText(now - v.created), 'start')),
          inVisit: visits.filter((v) => v.status === 'in_visit').map((v) => row(v, minutesText(now - (v.startedAt ?? now)), 'complete')),
          selfHref: `${base}/provider`,
        },
        base,
      ),
    );
  });

  const act = (to: 'start' | 'complete') => (c: Context) => {
    const v = store.visits.get(c.req.param('visitId') ?? '');
    if (!v) return show(c, 404, 'Visit not found', 'This visit is not available.');
    if (to === 'start') {
      if (v.status !== 'waiting') return show(c, 409, 'Visit not waiting', 'Only a waiting visit can be started.');
      const region = store.regions.get(v.regionId);
      v.providerId = region?.onCall[0] ?? [...store.providers.keys()][0] ?? null;
      v.status = 'in_visit';
      v.startedAt = deps.now();
    } else {
      if (v.status !== 'in_visit') return show(c, 409, 'Visit not in progress', 'Only a visit in progress can be completed.');
      v.status = 'done';
      v.endedAt = deps.now();
    }
    return c.redirect(`${base}/provider`, 303);
  };
  pages.post('/provider/visits/:visitId/start', act('start'));
  pages.post('/provider/visits/:visitId/complete', act('complete'));

  pages.onError((_err, c) => show(c, 500, 'Something went wrong', 'The DexCare sandbox hit an unexpected error.'));
  return pages;
}
