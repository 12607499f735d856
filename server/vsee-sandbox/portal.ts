/**
 * The VSee portal pages a handoff lands on (`/vc/...`): the SSO sign-in redirect, the stand-in
 * for the video visit, the patient's dashboard, and an open provider dashboard that moves
 * visits along so a demo can be completed end to end.
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { USER_TYPE, VISIT_STATUS, VISIT_TYPE, type CloseReason } from '../vsee/codes';
import { freeSlots } from './availability';
import { SANDBOX } from './credentials';
import { VseeError } from './errors';
import { formatDate, formatTime, formatWhen, kindWords, providerName, shortName, statusWords, waitText } from './format';
import { acceptEconsult, awaitsAcceptance, closeVisit, completeVisit, isEconsult, isFinal, startVisit } from './lifecycle';
import { visitSummaryPdf } from './summary';
import { STYLESHEET } from './styles';
import { hex, type PortalSession, type User, type Visit } from './store';
import { memberOrCreator } from './lookups';
import { CLINIC_TIMEZONE } from './seed';
import { sameDate, zonedParts } from './time';
import {
  GUEST_NAME_MAX,
  guestJoinedPage,
  guestJoinPage,
  messagePage,
  patientDashboard,
  providerDashboard,
  visitPage,
  type Chrome,
  type ProviderRow,
  type SchedulePanel,
} from './views';
import type { Deps } from './deps';
import type { VisitEventType } from './webhooks';

export const PORTAL_COOKIE = 'vsee_sandbox_portal';

/** A plain absolute path: starts with one "/", no "//" or "/\" prefix, no whitespace or backslash. */
const SAFE_NEXT = /^\/(?![/\\])[^\s\\]*$/;

const LEAVE: Partial<Record<number, { label: string; reason: CloseReason }>> = {
  [VISIT_STATUS.pending]: { label: 'Leave waiting room', reason: 'patient_exit_room' },
  [VISIT_STATUS.confirmed]: { label: 'Cancel appointment', reason: 'patient_cancel_appointment' },
  [VISIT_STATUS.in_progress]: { label: 'End call', reason: 'patient_end_call' },
};

export function createPortal(deps: Deps): Hono {
  const { store } = deps;
  const vc = `${deps.basePath}/vc`;
  const portal = new Hono();

  const timezoneOf = (v: Visit) => store.rooms.get(v.roomCode)?.timezone ?? CLINIC_TIMEZONE;
  const signedIn = (c: Context): { session: PortalSession; user: User } | null => {
    const sid = getCookie(c, PORTAL_COOKIE);
    const session = sid ? store.sessions.get(sid) : undefined;
    const user = session ? store.users.get(session.userId) : undefined;
    return session && user ? { session, user } : null;
  };
  const chrome = (c: Context): Chrome => ({ base: deps.basePath, nav: !(signedIn(c)?.session.disableNavigation ?? false) });
  const anonymous: Chrome = { base: deps.basePath, nav: false };
  const show = (c: Context, status: ContentfulStatusCode, title: string, message: string, ch: Chrome = anonymous) =>
    c.html(messagePage(title, message, ch), status);

  portal.use('*', async (c, next) => {
    // The sign-in URL carries a token: keep it out of Referer headers and caches.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  portal.get('/assets/sandbox.css', (c) =>
    c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );

  /**
   * `{portal}auth?sso_token=…&next=…`. Sandbox assumption: a token signs in to the portal once
   * (VSee documents an optional invalidate-after-login flag whose name was lost); it stays a
   * valid API token until it expires.
   */
  portal.get('/auth', (c) => {
    const raw = c.req.query('sso_token');
    const token = raw ? store.tokens.get(raw) : undefined;
    if (!token || token.expiry <= deps.now() || token.portalUsed || !store.users.has(token.userId)) {
      return show(c, 401, 'Sign-in link not valid', 'This sign-in link is not valid or was already used. Go back to the clinic’s booking site and open your visit again.');
    }
    const next = c.req.query('next') ?? '/u/clinic';
    if (!SAFE_NEXT.test(next)) {
      return show(c, 400, 'Sign-in link not valid', 'This sign-in link does not lead to a page of the clinic portal.');
    }
    token.portalUsed = true;
    const session: PortalSession = {
      id: hex(32),
      userId: token.userId,
      disableNavigation: c.req.query('disable_navigation') === '1',
    };
    store.sessions.set(session.id, session);
    setCookie(c, PORTAL_COOKIE, session.id, { path: vc, httpOnly: true, sameSite: 'Lax' });
    return c.redirect(`${vc}${next}`, 302);
  });

  const visitView = (v: Visit, canLeave: boolean) => {
    const provider = v.providerId ? store.users.get(v.providerId) : undefined;
    const leave = canLeave ? LEAVE[v.status] : undefined;
    return {
      id: v.id,
      kind: kindWords(v),
      provider: provider ? providerName(provider) : null,
      status: statusWords(v.status),
      when: formatWhen(v.start, timezoneOf(v)),
      leaveLabel: leave?.label ?? null,
      leaveAction: `${vc}/visits/${v.id}/leave`,
      refreshHref: `${vc}/visits/start/${v.id}`,
      providerDashboardHref: `${vc}/providers/dashboard`,
    };
  };

  const signInPage = (c: Context) =>
    show(c, 401, 'Please sign in', 'Please sign in to see this page: open your visit again from the clinic’s booking site.');

  /**
   * Guest invite link `{portal}visits/join/{visit.code}` (seed 000, use case 5). Assumptions: any
   * visit not yet over can be joined; the guest gives only a name; the pages show the visit's
   * state and provider, never the patient.
   */
  const joinable = (code: string) => {
    const v = /^[0-9a-f]{32}$/.test(code) ? store.visitByCode(code) : undefined;
    return v && !isFinal(v) ? v : undefined;
  };
  const inviteGone = (c: Context) =>
    show(c, 404, 'Invitation not valid', 'This guest invitation link is not valid, or the visit has ended. Ask the person who invited you for a new link.');

  portal.get('/visits/join/:code', (c) => {
    if (!joinable(c.req.param('code'))) return inviteGone(c);
    return c.html(guestJoinPage({ action: c.req.path, name: '', error: null }, anonymous));
  });

  portal.post('/visits/join/:code', async (c) => {
    const v = joinable(c.req.param('code'));
    if (!v) return inviteGone(c);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const raw = typeof form.name === 'string' ? form.name : '';
    const name = raw.trim().replace(/\s+/g, ' ');
    const error = !name
      ? 'Enter your name to join the visit.'
      : name.length > GUEST_NAME_MAX
        ? `Your name must be ${GUEST_NAME_MAX} characters or fewer.`
        : null;
    if (error) return c.html(guestJoinPage({ action: c.req.path, name: raw.slice(0, GUEST_NAME_MAX), error }, anonymous), 400);
    const provider = v.providerId ? store.users.get(v.providerId) : undefined;
    return c.html(
      guestJoinedPage(
        {
          guestName: name,
          kind: kindWords(v),
          provider: provider ? providerName(provider) : null,
          status: statusWords(v.status),
          when: formatWhen(v.start, timezoneOf(v)),
        },
        anonymous,
      ),
    );
  });

  /**
   * The visit-summary capability link that GET /visits/:id/exports/visit_summary hands out
   * (the sample's `https://clinic.vsee.me/visits/exports/<hex>`): no sign-in, the link is the key.
   */
  portal.get('/visits/exports/:opaque', (c) => {
    const opaque = c.req.param('opaque');
    const visitId = /^[0-9a-f]{32}$/.test(opaque) ? store.exports.get(opaque) : undefined;
    const v = visitId ? store.visits.get(visitId) : undefined;
    if (!v) return show(c, 404, 'Summary not found', 'This visit summary link is not valid. Ask for the summary again from your visit.');
    const provider = v.providerId ? store.users.get(v.providerId) : undefined;
    const pdf = visitSummaryPdf({
      clinic: store.rooms.get(v.roomCode)?.name ?? 'Sandbox Clinic',
      visitId: v.id,
      kind: kindWords(v),
      when: formatWhen(v.actualStart ?? v.start, timezoneOf(v)),
      provider: provider ? providerName(provider) : 'Not assigned',
      patient: shortName(store.users.get(v.memberId)),
      status: statusWords(v.status),
      created: deps.now(),
    });
    return c.body(pdf, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="visit-summary-${v.id}.pdf"`,
    });
  });

  portal.get('/visits/start/:id', (c) => {
    const who = signedIn(c);
    if (!who) return signInPage(c);
    const v = store.visits.get(c.req.param('id'));
    if (!v || !memberOrCreator(v, who.user.id)) return show(c, 404, 'Visit not found', 'This visit is not available.', chrome(c));
    return c.html(visitPage(visitView(v, true), chrome(c)));
  });

  portal.post('/visits/:id/leave', (c) => {
    const who = signedIn(c);
    if (!who) return signInPage(c);
    const v = store.visits.get(c.req.param('id'));
    const leave = v ? LEAVE[v.status] : undefined;
    if (!v || !memberOrCreator(v, who.user.id)) return show(c, 404, 'Visit not found', 'This visit is not available.', chrome(c));
    if (!leave) return show(c, 409, 'Visit already closed', 'This visit has already ended.', chrome(c));
    closeVisit(v, leave.reason, who.user.id, deps.now());
    deps.outbox.visitChanged('visit.ended', v); // §8.3: patient clicks Exit Waiting Room
    return c.redirect(`${vc}/u/clinic`, 303);
  });

  /** One-time appointment link `{portal}members/appointment/{id}?token=…` (no sign-in needed). */
  portal.get('/members/appointment/:id', (c) => {
    const v = store.visits.get(c.req.param('id'));
    const token = c.req.query('token')?.trim();
    if (!v || !v.oneTimeLinkToken || token !== v.oneTimeLinkToken || isFinal(v)) {
      return show(c, 401, 'Appointment link not valid', 'This appointment link is not valid or has expired.');
    }
    return c.html(visitPage(visitView(v, false), anonymous));
  });

  /**
   * Step 3b (`/u/clinic?intake_id=…&action=appointment#schedule-appointment`): the patient's own
   * intake opens VSee's scheduling panel with its visit type. Assumption: the sandbox lists the
   * next free times (VSee's page books them; the sandbox stops at showing them). Someone else's
   * or an unknown intake shows the plain dashboard.
   */
  const schedulePanel = (user: User, intakeId: string | undefined, action: string | undefined): SchedulePanel | null => {
    if (action !== 'appointment' || !intakeId) return null;
    const intake = store.intakes.get(intakeId);
    if (!intake || intake.memberId !== user.id) return null;
    const roomCode = typeof intake.fields.room_code === 'string' ? intake.fields.room_code : SANDBOX.roomCode;
    const room = store.rooms.get(roomCode);
    if (!room) return null;
    const consultation = intake.consultation ?? room.consultations[0] ?? null;
    const start = deps.now();
    const providerId = typeof intake.fields.provider_id === 'string' ? intake.fields.provider_id : undefined;
    const times = freeSlots(store, { room, start, end: start + 14 * 86_400, duration: (consultation?.duration ?? 15) * 60, providerId, now: start })
      .slice(0, 5)
      .map((slot) => {
        const p = store.users.get(slot.providers[0] ?? '');
        return { when: formatWhen(slot.start, room.timezone), provider: p ? providerName(p) : 'a provider' };
      });
    return { visitType: consultation?.description ?? 'Consultation', times };
  };

  portal.get('/u/clinic', (c) => {
    const who = signedIn(c);
    if (!who) return signInPage(c);
    const rows = [...store.visits.values()]
      .filter((v) => memberOrCreator(v, who.user.id))
      .sort((a, b) => a.start - b.start)
      .map((v) => {
        const provider = v.providerId ? store.users.get(v.providerId) : undefined;
        return {
          id: v.id,
          kind: kindWords(v),
          when: formatWhen(v.start, timezoneOf(v)),
          provider: provider ? providerName(provider) : 'Not assigned yet',
          status: statusWords(v.status),
          href: isFinal(v) ? null : `${vc}/visits/start/${v.id}`,
        };
      });
    return c.html(patientDashboard(`${who.user.firstName} ${who.user.lastName}`, rows, chrome(c), schedulePanel(who.user, c.req.query('intake_id'), c.req.query('action'))));
  });

  const providerRow = (v: Visit, detail: string): ProviderRow => {
    const patient = shortName(store.users.get(v.memberId));
    const provider = v.providerId ? store.users.get(v.providerId) : undefined;
    const accepting = awaitsAcceptance(v);
    const starting = v.status !== VISIT_STATUS.in_progress;
    const verb = starting ? 'Start' : 'Complete';
    return {
      id: v.id,
      patient,
      detail,
      provider: provider ? providerName(provider) : 'Not assigned',
      status: accepting ? 'Waiting to be accepted' : statusWords(v.status),
      // Button names are unique per row: the same patient may be waiting twice.
      action: accepting
        ? { href: `${vc}/providers/visits/${v.id}/accept`, text: 'Accept e-consult', label: `Accept e-consult from ${patient} (visit ${v.id})` }
        : {
            href: `${vc}/providers/visits/${v.id}/${starting ? 'start' : 'complete'}`,
            text: `${verb} visit`,
            label: `${verb} visit with ${patient} (visit ${v.id})`,
          },
    };
  };

  /**
   * A provider signed in through SSO sees only their rooms' visits: those waiting for anyone in
   * the room and those assigned to them. Anyone else (no sign-in, or a patient) gets the open demo
   * dashboard of every visit, as before.
   */
  const providerView = (c: Context) => {
    const who = signedIn(c);
    if (!who || who.user.type !== USER_TYPE.provider) return null;
    const rooms = [...store.rooms.values()].filter((r) => r.providerIds.includes(who.user.id));
    const codes = new Set(rooms.map((r) => r.code));
    const sees = (v: Visit) => codes.has(v.roomCode) && (!v.providerId || v.providerId === who.user.id);
    return { who, rooms, sees };
  };

  portal.get('/providers/dashboard', (c) => {
    const now = deps.now();
    const tz = CLINIC_TIMEZONE;
    const today = zonedParts(now * 1000, tz);
    const mine = providerView(c);
    const visits = [...store.visits.values()].filter((v) => !mine || mine.sees(v));
    const active = (v: Visit) => v.status === VISIT_STATUS.pending || v.status === VISIT_STATUS.confirmed || v.status === VISIT_STATUS.in_progress;
    const walkins = visits
      .filter((v) => v.type === VISIT_TYPE.walkin && active(v))
      .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id))
      .map((v) =>
        providerRow(v, v.status === VISIT_STATUS.in_progress ? `In visit for ${waitText(now - (v.actualStart ?? now))}` : waitText(now - v.created)),
      );
    const byCreated = (a: Visit, b: Visit) => a.created - b.created || Number(a.id) - Number(b.id);
    const econsults = visits.filter(awaitsAcceptance).sort(byCreated).map((v) => providerRow(v, waitText(now - v.created)));
    const econsultsInProgress = visits
      .filter((v) => isEconsult(v) && v.status === VISIT_STATUS.in_progress)
      .sort(byCreated)
      .map((v) => providerRow(v, `${waitText(now - (v.actualStart ?? now))} ago`));
    const todays = visits
      .filter(
        (v) =>
          v.type === VISIT_TYPE.appointment &&
          (v.status === VISIT_STATUS.confirmed || v.status === VISIT_STATUS.in_progress) &&
          sameDate(zonedParts(v.start * 1000, timezoneOf(v)), today),
      )
      .sort((a, b) => a.start - b.start)
      .map((v) => providerRow(v, formatTime(v.start, timezoneOf(v))));
    const model = { walkins, econsults, econsultsInProgress, today: todays, todayText: formatDate(now, tz), timezone: tz };
    if (!mine) return c.html(providerDashboard(model, { base: deps.basePath, nav: false }));
    return c.html(
      providerDashboard(
        { ...model, provider: { name: providerName(mine.who.user), rooms: mine.rooms.map((r) => r.name) } },
        { ...chrome(c), navLinks: [{ href: `${vc}/providers/dashboard`, label: 'Dashboard' }] },
      ),
    );
  });

  /** A signed-in provider acts only on what their dashboard shows, and takes the visit themself. */
  const providerAction = (act: (v: Visit, providerId: string | undefined) => void, event: VisitEventType) => (c: Context) => {
    const v = store.visits.get(c.req.param('id') ?? '');
    const mine = providerView(c);
    if (!v || (mine && !mine.sees(v))) return show(c, 404, 'Visit not found', 'This visit is not available.', chrome(c));
    act(v, mine?.who.user.id);
    deps.outbox.visitChanged(event, v);
    return c.redirect(`${vc}/providers/dashboard`, 303);
  };
  portal.post('/providers/visits/:id/start', providerAction((v, me) => startVisit(store, v, deps.now(), me), 'visit.updated'));
  portal.post('/providers/visits/:id/complete', providerAction((v) => completeVisit(v, deps.now()), 'visit.ended'));
  /**
   * Accept an e-consult; on the open dashboard an optional form field `provider_id` picks the
   * room provider taking it, a signed-in provider takes it themself.
   */
  portal.post('/providers/visits/:id/accept', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const chosen = typeof form.provider_id === 'string' && form.provider_id.trim() ? form.provider_id.trim() : undefined;
    return providerAction((v, me) => acceptEconsult(store, v, me ?? chosen, deps.now()), 'visit.updated')(c);
  });

  portal.all('*', (c) => show(c, 404, 'Page not found', 'There is no page at this address in the sandbox portal.', chrome(c)));
  portal.onError((err, c) => {
    if (err instanceof VseeError) return show(c, err.status, 'Something went wrong', err.message, chrome(c));
    return show(c, 500, 'Something went wrong', 'The sandbox portal hit an unexpected error.', chrome(c));
  });
  return portal;
}

