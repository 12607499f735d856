import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, mayaSession, riverbend } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const queued: Visit = {
  id: '7001',
  kind: 'walkin', modality: 'video',
  status: 'pending',
  // Joined the queue two minutes ago.
  start: new Date(NOW.getTime() - 2 * 60_000).toISOString(),
  end: new Date(NOW.getTime() + 13 * 60_000).toISOString(),
  provider: null,
};

/** Fake clock that still moves on its own, so Testing Library's waiting works. */
function startQueueClock() {
  vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
  return { advanceTimers: vi.advanceTimersByTime.bind(vi) };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const liveRegion = () => document.querySelector('[aria-live="polite"]');

afterEach(() => {
  vi.useRealTimers();
});

describe('walk-in waiting room', () => {
  it('says the patient is in the queue and how long they have waited, every second', async () => {
    const clock = startQueueClock();
    renderRoute('/waiting-room/7001', { api: installFakeApi({ session: mayaSession, visits: [queued] }), user: clock });

    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(screen.getByText('You have waited 2 minutes.')).toBeInTheDocument();
    expect(liveRegion()).toHaveTextContent('You are in the queue.');

    await advance(61_000);
    expect(screen.getByText('You have waited 3 minutes.')).toBeInTheDocument();
  });

  it('shows the estimated wait when the clinic knows one, and nothing when it does not', async () => {
    const known = installFakeApi({ session: mayaSession, visits: [queued], waits: { '7001': { minutes: 25, moreThanAnHour: false } }, clinic: { ...riverbend, capabilities: { ...riverbend.capabilities, waitEstimate: true } } });
    const { unmount } = renderRoute('/waiting-room/7001', { api: known });
    expect(await screen.findByText('Estimated wait: about 25 minutes.', { exact: false })).toBeInTheDocument();
    unmount();
    const unknown = installFakeApi({ session: mayaSession, visits: [queued], clinic: { ...riverbend, capabilities: { ...riverbend.capabilities, waitEstimate: true } } });
    renderRoute('/waiting-room/7001', { api: unknown });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    await vi.waitFor(() => expect(unknown.callsTo('GET /api/visits/:id/wait')).toHaveLength(1));
    expect(screen.queryByText(/Estimated wait/)).not.toBeInTheDocument();
  });

  it('notices when the provider is ready and offers to join', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();

    // Polling asks again every 3 seconds.
    await advance(3_000);
    expect(api.callsTo('GET /api/visits/:id').length).toBeGreaterThanOrEqual(2);

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await advance(3_000);

    expect(await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.getByText(/Dr. Amara Okafor is waiting for you./)).toBeInTheDocument();
    expect(liveRegion()).toHaveTextContent('Your provider is ready. Press Join video visit to start.');
    expect(document.title).toBe('Your provider is ready – Riverbend Family Clinic');

    // Nothing left to wait for: polling stops.
    const asked = api.callsTo('GET /api/visits/:id').length;
    await advance(12_000);
    expect(api.callsTo('GET /api/visits/:id')).toHaveLength(asked);
  });

  it('lets the patient leave, telling the clinic why', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    await user.click(await screen.findByRole('button', { name: 'Leave waiting room' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Leave the waiting room?' })).getByRole('button', { name: 'Yes, leave' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'You left the waiting room' });
    expect(heading).toHaveFocus();
    const [cancel] = api.callsTo('POST /api/visits/:id/cancel');
    expect(cancel?.path).toBe('/api/visits/7001/cancel');
    expect(cancel?.body).toEqual({ reason: 'patient_exit_room' });
    expect(cancel?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.getByRole('link', { name: 'Back to start' })).toHaveAttribute('href', '/');
    expect(liveRegion()).toHaveTextContent('You left the waiting room.');
  });

  it('asks before leaving: focus starts on staying, Escape keeps the place, and focus goes back', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    const leave = await screen.findByRole('button', { name: 'Leave waiting room' });
    await user.click(leave);
    const dialog = screen.getByRole('dialog', { name: 'Leave the waiting room?' });
    expect(dialog).toHaveTextContent('You will lose your place in the queue.');
    expect(within(dialog).getByRole('button', { name: 'Stay in the queue' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(leave).toHaveFocus();
    expect(api.callsTo('POST /api/visits/:id/cancel')).toEqual([]);

    await user.click(leave);
    await user.click(screen.getByRole('button', { name: 'Stay in the queue' }));
    expect(api.callsTo('POST /api/visits/:id/cancel')).toEqual([]);
    expect(screen.getByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
  });

  it('asks for notification permission only when the patient turns it on, and alerts once when the provider is ready', async () => {
    const clock = startQueueClock();
    const shown: { title: string; options?: NotificationOptions }[] = [];
    const requestPermission = vi.fn(() => Promise.resolve('granted' as NotificationPermission));
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = requestPermission;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, ...(options ? { options } : {}) });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const vibrate = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    const alerts = await screen.findByRole('group', { name: 'When your provider is ready' });
    expect(requestPermission).not.toHaveBeenCalled();
    await user.click(within(alerts).getByRole('checkbox', { name: 'Show a notification' }));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    FakeNotification.permission = 'granted';
    expect(within(alerts).getByRole('checkbox', { name: 'Show a notification' })).toBeChecked();
    expect(within(alerts).getByRole('checkbox', { name: 'Play a sound' })).not.toBeChecked();

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await advance(3_000);
    await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' });
    await advance(3_000);

    // Once, and with nothing about the patient or the provider on a lock screen.
    expect(shown).toEqual([{ title: 'Your provider is ready', options: expect.objectContaining({ body: 'Go back to the waiting room and press Join video visit.' }) }]);
    expect(vibrate).toHaveBeenCalledTimes(1);
    Reflect.deleteProperty(navigator, 'vibrate');
  });

  it('unticks the notification and says why when the browser refuses it', async () => {
    const clock = startQueueClock();
    vi.stubGlobal(
      'Notification',
      class {
        static permission: NotificationPermission = 'default';
        static requestPermission = () => Promise.resolve('denied' as NotificationPermission);
      },
    );
    const { user } = renderRoute('/waiting-room/7001', { api: installFakeApi({ session: mayaSession, visits: [queued] }), user: clock });

    await user.click(await screen.findByRole('checkbox', { name: 'Show a notification' }));

    expect(await screen.findByText(/Your browser did not allow notifications/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Show a notification' })).not.toBeChecked();
  });

  it('keeps the patient in the queue and explains when leaving fails', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    api.fail('POST /api/visits/:id/cancel', { status: 500, code: 'internal', message: 'Something went wrong on our side.' });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    await user.click(await screen.findByRole('button', { name: 'Leave waiting room' }));
    await user.click(screen.getByRole('button', { name: 'Yes, leave' }));

    // Said in the dialog, where the patient's focus is; the question stays open for another try.
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent('We could not take you out of the queue');
    expect(screen.getByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
  });

  it('tells the patient when the clinic cancelled the visit', async () => {
    renderRoute('/waiting-room/7001', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...queued, status: 'cancelled' }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Your visit was cancelled' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Leave waiting room' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to start' })).toBeInTheDocument();
  });

  it('says when the visit has ended', async () => {
    renderRoute('/waiting-room/7001', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...queued, status: 'completed' }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Your visit has ended' })).toBeInTheDocument();
  });

  it('shows an error with a retry when the queue cannot be loaded', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    api.fail('GET /api/visits/:id', { status: 500, code: 'internal', message: 'Something went wrong on our side.' }, { times: 2 });
    const { user } = renderRoute('/waiting-room/7001', { api });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not load your place in the queue');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
  });

  it('offers to invite someone while waiting, and keeps the link when the provider is ready', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));
    const link = await screen.findByRole('textbox', { name: 'Guest link' });
    expect(link).toHaveValue('https://portal.example.test/visits/join/guest-7001');
    expect(api.callsTo('POST /api/visits/:id/invite')[0]?.path).toBe('/api/visits/7001/invite');

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await advance(3_000);
    await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' });
    expect(screen.getByRole('textbox', { name: 'Guest link' })).toBe(link);
  });
});

describe('walk-in waiting room: the clinic’s longest wait', () => {
  const strictClinic = { ...riverbend, maxWaitMinutes: 10, econsultEnabled: true };
  // Joined nine minutes ago: one more minute to go.
  const longWait: Visit = { ...queued, start: new Date(NOW.getTime() - 9 * 60_000).toISOString() };

  it('leaves the queue by itself once, telling the clinic why, and says what to do next', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, clinic: strictClinic, visits: [longWait] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    expect(screen.getByText('You have waited 9 minutes.')).toBeInTheDocument();

    await advance(50_000);
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(0);
    await advance(11_000);

    const heading = await screen.findByRole('heading', { level: 1, name: 'The clinic could not see you in time' });
    expect(heading).toHaveFocus();
    const cancels = api.callsTo('POST /api/visits/:id/cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.path).toBe('/api/visits/7001/cancel');
    expect(cancels[0]?.body).toEqual({ reason: 'max_waiting_time_reached' });
    expect(liveRegion()).toHaveTextContent('The clinic could not see you in time.');
    expect(screen.getByText(/You waited 10 minutes, the longest this clinic keeps a place in the queue/)).toBeInTheDocument();

    const next = screen.getByRole('list');
    expect(within(next).getByRole('link', { name: 'Join the queue again' })).toHaveAttribute('href', '/book/walkin/details');
    expect(within(next).getByRole('link', { name: 'Schedule an appointment' })).toHaveAttribute(
      'href',
      '/book/appointment/details',
    );
    expect(within(next).getByRole('link', { name: 'Send a question to a provider' })).toHaveAttribute(
      'href',
      '/book/econsult/details',
    );
    expect(screen.queryByRole('button', { name: 'Leave waiting room' })).not.toBeInTheDocument();

    // Sent once: the clock keeps running, nothing more goes out and the queue is no longer polled.
    const polls = api.callsTo('GET /api/visits/:id').length;
    await advance(120_000);
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(1);
    expect(api.callsTo('GET /api/visits/:id')).toHaveLength(polls);
  });

  it('only offers what the clinic offers after the wait', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({
      session: mayaSession,
      clinic: { ...strictClinic, econsultEnabled: false, appointmentEnabled: false },
      visits: [{ ...queued, start: new Date(NOW.getTime() - 11 * 60_000).toISOString() }],
    });
    renderRoute('/waiting-room/7001', { api, user: clock });

    await screen.findByRole('heading', { level: 1, name: 'The clinic could not see you in time' });
    const next = screen.getByRole('list');
    expect(within(next).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Join the queue again',
      'Back to start',
    ]);
  });

  it('does not time out a patient whose provider is ready', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, clinic: strictClinic, visits: [{ ...longWait, status: 'in_progress' }] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' });

    await advance(120_000);

    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 1, name: 'Your provider is ready' })).toBeInTheDocument();
  });

  it('never times out when the clinic sets no limit', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, clinic: { ...strictClinic, maxWaitMinutes: null }, visits: [longWait] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });

    await advance(5 * 60_000);

    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
  });

  it('keeps the patient waiting and asks again a minute later when the clinic refuses the time-out', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({
      session: mayaSession,
      clinic: strictClinic,
      visits: [{ ...queued, start: new Date(NOW.getTime() - 10 * 60_000).toISOString() }],
    });
    // The clinic's clock is a little behind ours.
    api.fail('POST /api/visits/:id/cancel', { status: 400, code: 'bad_request', message: 'Not yet.' }, { times: 1 });
    renderRoute('/waiting-room/7001', { api, user: clock });

    await vi.waitFor(() => expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(1));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await advance(30_000);
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(1);

    await advance(31_000);
    expect(await screen.findByRole('heading', { level: 1, name: 'The clinic could not see you in time' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(2);
  });
});

describe('walk-in waiting room: what the patient sees and hears', () => {
  it('shows the walk-in steps, details then waiting room', async () => {
    renderRoute('/waiting-room/7001', { api: installFakeApi({ session: mayaSession, visits: [queued] }) });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });

    const steps = within(screen.getByRole('navigation', { name: 'Booking steps' })).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual(['✓Details (completed)', '2Waiting room']);
    expect(steps[1]).toHaveAttribute('aria-current', 'step');
    expect(steps[0]).not.toHaveAttribute('aria-current');
  });

  it('changes the tab’s title when the provider is ready, and plays no sound', async () => {
    const clock = startQueueClock();
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const AudioContextSpy = vi.fn();
    vi.stubGlobal('AudioContext', AudioContextSpy);
    vi.stubGlobal('Audio', AudioContextSpy);
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    expect(document.title).toBe('You are in the queue – Riverbend Family Clinic');

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await advance(3_000);

    await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' });
    expect(document.title).toBe('Your provider is ready – Riverbend Family Clinic');
    expect(play).not.toHaveBeenCalled();
    expect(AudioContextSpy).not.toHaveBeenCalled();
    expect(document.querySelector('audio, video')).toBeNull();
  });
});
