import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, mayaSession } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const queued: Visit = {
  id: '7001',
  kind: 'walkin',
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

  it('notices when the provider is ready and offers to join', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    renderRoute('/waiting-room/7001', { api, user: clock });
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();

    // Polling asks again every 3 seconds.
    await advance(3_000);
    expect(api.callsTo('GET /api/visits/:id').length).toBeGreaterThanOrEqual(2);

    api.setVisitStatus('7001', 'in_progress', 'Dr. Lena Ortiz');
    await advance(3_000);

    expect(await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(screen.getByText(/Dr. Lena Ortiz is waiting for you./)).toBeInTheDocument();
    expect(liveRegion()).toHaveTextContent('Your provider is ready. Press Join video visit to start.');
    expect(document.title).toBe('Your provider is ready – frontdesk');

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

    const heading = await screen.findByRole('heading', { level: 1, name: 'You left the waiting room' });
    expect(heading).toHaveFocus();
    const [cancel] = api.callsTo('POST /api/visits/:id/cancel');
    expect(cancel?.path).toBe('/api/visits/7001/cancel');
    expect(cancel?.body).toEqual({ reason: 'patient_exit_room' });
    expect(cancel?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.getByRole('link', { name: 'Back to start' })).toHaveAttribute('href', '/');
    expect(liveRegion()).toHaveTextContent('You left the waiting room.');
  });

  it('keeps the patient in the queue and explains when leaving fails', async () => {
    const clock = startQueueClock();
    const api = installFakeApi({ session: mayaSession, visits: [queued] });
    api.fail('POST /api/visits/:id/cancel', { status: 500, code: 'internal', message: 'Something went wrong on our side.' });
    const { user } = renderRoute('/waiting-room/7001', { api, user: clock });

    await user.click(await screen.findByRole('button', { name: 'Leave waiting room' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not take you out of the queue');
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
});
