/**
 * The whole app in embed mode: what the host page hears (and never hears), the host's patient
 * signed in by a launch token, and what the patient sees when that fails.
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GOOD_LAUNCH_TOKEN, installFakeApi, maya, mayaAppointment, mayaSession, riverbend, slotAt } from '../../support/fake-api';
import { renderRoute } from '../../support/render';
import { enterEmbedMode, fromHost, launch, leaveEmbedMode, sent, sentOf, settle, type HostWindow } from './embed-support';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const appointment = mayaAppointment;
const WED_2PM = slotAt('2026-11-25T22:00:00.000Z');

beforeEach(() => {
  vi.setSystemTime(NOW);
});

afterEach(() => {
  leaveEmbedMode();
});

async function fillVisit(user: UserEvent, reasonLabel = 'Reason for visit') {
  await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
  await user.type(screen.getByLabelText(reasonLabel), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
}

async function fillIdentity(user: UserEvent) {
  await user.type(await screen.findByLabelText('First name'), maya.firstName);
  await user.type(screen.getByLabelText('Last name'), maya.lastName);
  await user.type(screen.getByLabelText('Date of birth'), maya.dob);
  await user.type(screen.getByLabelText('Email'), maya.email);
}

/** Nothing about the patient may reach the host page: no name, birth date, email, reason or portal link. */
function expectNoPatientDataSent(host: HostWindow) {
  const all = JSON.stringify(host.postMessage.mock.calls);
  for (const secret of [maya.firstName, maya.lastName, maya.dob, maya.email, maya.reason, 'Jordan', 'Rivera', 'portal.example.test', 'Okafor']) {
    expect(all).not.toContain(secret);
  }
}

describe('the embedded app talks to the host page', () => {
  it('says ready, then names each page it shows, without ids', async () => {
    const host = enterEmbedMode('/');
    const { user, router } = renderRoute('/', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    await user.click(await screen.findByRole('button', { name: 'Schedule an appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Book an appointment' });
    await router.navigate('/visits/4821');
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    await router.navigate('/visits/4821/reschedule');
    await screen.findByRole('heading', { level: 1, name: 'Choose a new time' });

    expect(sent(host)[0]).toEqual(['ready', {}]);
    expect(sentOf(host, 'page')).toEqual([{ name: 'start' }, { name: 'details' }, { name: 'visit' }, { name: 'reschedule-time' }]);
    expect(host.postMessage.mock.calls.every(([, origin]) => origin === 'https://health.example')).toBe(true);
    expect(JSON.stringify(host.postMessage.mock.calls)).not.toContain('4821');
  });

  it('reports a booked appointment with only its id, kind and start', async () => {
    const host = enterEmbedMode('/book/appointment/review');
    const api = installFakeApi({ session: mayaSession, slots: [WED_2PM] });
    const { user } = renderRoute('/book/appointment/review', {
      api,
      flow: { kind: 'appointment', intakeId: 'seeded-1', slot: WED_2PM, idempotencyKey: crypto.randomUUID() },
    });

    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    const [booked] = api.visits.values();
    expect(sentOf(host, 'booked')).toEqual([{ visitId: booked?.id, kind: 'appointment', start: WED_2PM.start }]);
    expectNoPatientDataSent(host);
  });

  it('reports a sent e-consult as booked', async () => {
    const host = enterEmbedMode('/book/econsult/details');
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, econsultEnabled: true } });
    const { user } = renderRoute('/book/econsult/details', { api });

    await fillVisit(user, 'Your question');
    await user.click(screen.getByRole('button', { name: 'Send my question' }));
    await screen.findByRole('heading', { level: 1, name: 'E-consult sent' });

    const [econsult] = api.visits.values();
    expect(sentOf(host, 'booked')).toEqual([{ visitId: econsult?.id, kind: 'econsult', start: econsult?.start }]);
    expectNoPatientDataSent(host);
  });

  it('reports joining the queue and leaving it', async () => {
    const host = enterEmbedMode('/book/walkin/details');
    const api = installFakeApi({ session: mayaSession });
    const { user } = renderRoute('/book/walkin/details', { api });

    await fillVisit(user);
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    await user.click(await screen.findByRole('button', { name: 'Leave waiting room' }));
    await user.click(screen.getByRole('button', { name: 'Yes, leave' }));
    await screen.findByRole('heading', { level: 1, name: 'You left the waiting room' });

    const [walkin] = api.visits.values();
    expect(sentOf(host, 'walkin-joined')).toEqual([{ visitId: walkin?.id }]);
    expect(sentOf(host, 'cancelled')).toEqual([{ visitId: walkin?.id }]);
    expect(sentOf(host, 'booked')).toEqual([]);
    expectNoPatientDataSent(host);
  });

  it('reports a cancelled appointment', async () => {
    const host = enterEmbedMode('/visits/4821');
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, cancel appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' });

    expect(sentOf(host, 'cancelled')).toEqual([{ visitId: '4821' }]);
  });

  it('reports no booking for a moved appointment', async () => {
    const host = enterEmbedMode('/visits/4821/reschedule/review');
    const api = installFakeApi({ session: mayaSession, visits: [appointment], slots: [WED_2PM] });
    const { user } = renderRoute('/visits/4821/reschedule/review', {
      api,
      flow: { rescheduleVisitId: '4821', slot: WED_2PM, idempotencyKey: crypto.randomUUID() },
    });

    await user.click(await screen.findByRole('button', { name: 'Confirm new time' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });

    expect(api.callsTo('POST /api/visits/:id/reschedule')).toHaveLength(1);
    expect(sentOf(host, 'booked')).toEqual([]);
  });
});

describe('the host’s signed-in patient (launch)', () => {
  it('books as the launched patient, without asking who they are', async () => {
    enterEmbedMode('/book/appointment/details');
    const api = installFakeApi({ session: null });
    renderRoute('/book/appointment/details', { api });
    // Times first: the first step asks where; who is asked on the review, unless the host says.
    expect(await screen.findByLabelText('State')).toBeInTheDocument();

    fromHost(launch(GOOD_LAUNCH_TOKEN));

    expect(await screen.findByText('Jordan Rivera')).toBeInTheDocument();
    expect(screen.getByText(/You are booking as/)).toBeInTheDocument();
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
    expect(await screen.findByLabelText('State')).toBeInTheDocument();
    expect(api.callsTo('POST /api/session/launch')).toHaveLength(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the sign-in link expired, tells the host, and still lets a guest book', async () => {
    const host = enterEmbedMode('/book/walkin/details');
    renderRoute('/book/walkin/details', { api: installFakeApi({ session: null }) });
    await screen.findByLabelText('First name');

    fromHost(launch('expired-token'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not sign you in');
    expect(alert).toHaveTextContent(
      "This sign-in link has expired or was already used. Go back to your health system's website and open booking again.",
    );
    expect(sentOf(host, 'error')).toEqual([{ code: 'launch_failed' }]);
    expect(screen.getByLabelText('First name')).toBeInTheDocument();
  });

  it('turns the "sign in first" message into the form once the host signs the patient in', async () => {
    enterEmbedMode('/book/appointment/details');
    renderRoute('/book/appointment/details', { api: installFakeApi({ session: null, clinic: { ...riverbend, guestBooking: false } }) });
    expect(await screen.findByText("To book, please sign in on your health system's website first.")).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();

    fromHost(launch(GOOD_LAUNCH_TOKEN));

    expect(await screen.findByText('Jordan Rivera')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
    expect(screen.queryByText(/please sign in on your health system/)).not.toBeInTheDocument();
  });

  it('asks nothing and says nothing about signing in while the launch is being checked', async () => {
    enterEmbedMode('/book/appointment/details');
    const api = installFakeApi({ session: null, clinic: { ...riverbend, guestBooking: false } });
    const release = api.hold('POST /api/session/launch');
    renderRoute('/book/appointment/details', { api });
    fromHost(launch(GOOD_LAUNCH_TOKEN));
    await vi.waitFor(() => expect(api.callsTo('GET /api/clinic')).toHaveLength(1));
    await settle();

    expect(screen.getByText('Loading the form…')).toBeInTheDocument();
    expect(screen.queryByText(/please sign in on your health system/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();

    release();
    expect(await screen.findByText('Jordan Rivera')).toBeInTheDocument();
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
  });

  it('does not call it an ended session while the launch is still being checked', async () => {
    enterEmbedMode('/visits');
    const api = installFakeApi({ session: null, visits: [appointment] });
    const release = api.hold('POST /api/session/launch');
    renderRoute('/visits', { api });
    fromHost(launch(GOOD_LAUNCH_TOKEN));

    // My visits asks before the patient is signed in, and gets a 401.
    await vi.waitFor(() => expect(api.callsTo('GET /api/visits')).toHaveLength(1));
    await settle();
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();

    release();
    expect(await screen.findByRole('link', { name: /Tuesday, November 24, 2026/ })).toBeInTheDocument();
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('brings the page back when the launch arrives after a 401 ended it', async () => {
    enterEmbedMode('/visits');
    const api = installFakeApi({ session: null, visits: [appointment] });
    renderRoute('/visits', { api });
    // Nobody was signed in in this frame yet: how to start, until the host's launch arrives.
    await screen.findByRole('heading', { level: 1, name: 'Start by booking a visit' });

    fromHost(launch(GOOD_LAUNCH_TOKEN));

    expect(await screen.findByRole('heading', { level: 1, name: 'My visits' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Tuesday, November 24, 2026/ })).toBeInTheDocument();
  });
});

describe('a browser that refuses the cookie in the frame', () => {
  it('offers a new tab after a launch whose cookie did not stick, and tells the host', async () => {
    const host = enterEmbedMode('/book/appointment/details');
    const api = installFakeApi({ session: null });
    api.dropsCookies = true;
    renderRoute('/book/appointment/details', { api });
    await screen.findByLabelText('State');

    fromHost(launch(GOOD_LAUNCH_TOKEN));

    expect(await screen.findByRole('heading', { level: 1, name: 'We could not keep you signed in' })).toHaveFocus();
    expect(screen.getByText('Your browser blocked this booking window from keeping you signed in.')).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Continue in a new tab' });
    expect(link).toHaveAttribute('href', '/book/appointment/details');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(sentOf(host, 'error')).toEqual([{ code: 'cookies_blocked' }]);
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
  });

  it('checks the cookie right after a guest signs up, before booking anything', async () => {
    const host = enterEmbedMode('/book/walkin/details');
    const api = installFakeApi({ session: null });
    api.dropsCookies = true;
    const { user } = renderRoute('/book/walkin/details', { api });

    await fillIdentity(user);
    await fillVisit(user);
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'We could not keep you signed in' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue in a new tab' })).toHaveAttribute('href', '/book/walkin/details');
    expect(sentOf(host, 'error')).toEqual([{ code: 'cookies_blocked' }]);
    expect(api.callsTo('POST /api/intakes')).toEqual([]);
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('carries on when the cookie sticks', async () => {
    const host = enterEmbedMode('/book/walkin/details');
    const api = installFakeApi({ session: null });
    const { user } = renderRoute('/book/walkin/details', { api });

    await fillIdentity(user);
    await fillVisit(user);
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(sentOf(host, 'error')).toEqual([]);
    await settle();
    // Embedded, the host page owns the banner landmark; ours is a plain header row.
    expect(screen.queryByRole('banner')).toBeNull();
    expect(within(screen.getByRole('navigation', { name: 'Your account' })).getByRole('link', { name: 'My visits' })).toBeInTheDocument();
  });
});
