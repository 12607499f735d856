/**
 * The waiting room's visit, pushed over the proxy's event stream while it is healthy and polled
 * when it is not (useLiveVisit). The browser's EventSource is played by a fake the test drives; the
 * API is the usual fake fetch.
 */
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../src/api/contract';
import { installFakeApi, mayaSession } from '../../support/fake-api';
import { renderRoute } from '../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const queued: Visit = {
  id: '7001',
  kind: 'walkin',
  status: 'pending',
  start: new Date(NOW.getTime() - 2 * 60_000).toISOString(),
  end: new Date(NOW.getTime() + 13 * 60_000).toISOString(),
  provider: null,
  modality: 'video',
};

/** What the browser's EventSource does, as far as the page can tell. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onerror: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  /** The proxy sends `event: visit`. */
  push(v: Visit) {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new MessageEvent('visit', { data: JSON.stringify(v) }));
  }
  /** The connection broke: the browser will reconnect by itself (CONNECTING) or has given up (CLOSED). */
  fail(state: 0 | 2) {
    this.readyState = state;
    this.onerror?.(new Event('error'));
  }
}

const latest = () => FakeEventSource.opened.at(-1)!;
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const renderRoom = () => {
  vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
  const api = installFakeApi({ session: mayaSession, visits: [queued] });
  renderRoute('/waiting-room/7001', { api, user: { advanceTimers: vi.advanceTimersByTime.bind(vi) } });
  return api;
};
const polls = (api: ReturnType<typeof installFakeApi>) => api.callsTo('GET /api/visits/:id').length;

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('waiting room over the event stream', () => {
  it('opens the visit’s stream, does not poll while it is healthy, and learns the provider started from it', async () => {
    const api = renderRoom();
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    expect(latest().url).toBe('/api/visits/7001/events');
    act(() => latest().push(queued));
    const asked = polls(api);
    await advance(15_000);
    expect(polls(api)).toBe(asked); // five poll periods, no poll

    act(() => latest().push({ ...queued, status: 'in_progress', provider: { name: 'Dr. Amara Okafor' } }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' })).toBeInTheDocument();
    expect(screen.getByText(/Dr. Amara Okafor is waiting for you./)).toBeInTheDocument();
    expect(latest().readyState).toBe(FakeEventSource.CLOSED); // nothing left to wait for
    expect(polls(api)).toBe(asked);
  });

  it('when the stream is cut, polls until it delivers again — and learns the news from a poll meanwhile', async () => {
    const api = renderRoom();
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    act(() => latest().push(queued));
    const asked = polls(api);

    act(() => latest().fail(FakeEventSource.CONNECTING));
    await advance(3_100);
    expect(polls(api)).toBeGreaterThan(asked); // polling again

    api.setVisitStatus('7001', 'in_progress', 'Dr. Amara Okafor');
    await advance(3_100);
    expect(await screen.findByRole('heading', { level: 1, name: 'Your provider is ready' })).toBeInTheDocument();
  });

  it('a stream the proxy does not offer (204) or that was refused is tried again later, polling meanwhile', async () => {
    const api = renderRoom();
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    act(() => latest().fail(FakeEventSource.CLOSED));
    const asked = polls(api);
    await advance(3_100);
    expect(polls(api)).toBeGreaterThan(asked);
    expect(FakeEventSource.opened).toHaveLength(1);
    await advance(2_000); // 5 s after the error
    expect(FakeEventSource.opened).toHaveLength(2);
    act(() => latest().fail(FakeEventSource.CLOSED));
    await advance(5_000);
    expect(FakeEventSource.opened).toHaveLength(2); // the pause grows: 10 s now
    await advance(5_100);
    expect(FakeEventSource.opened).toHaveLength(3);
    // Back: no more polling.
    act(() => latest().push(queued));
    const then = polls(api);
    await advance(9_000);
    expect(polls(api)).toBe(then);
  });

  it('ignores what is not a visit of this page', async () => {
    const api = renderRoom();
    await screen.findByRole('heading', { level: 1, name: 'You are in the queue' });
    act(() => latest().dispatchEvent(new MessageEvent('visit', { data: '{"not":"a visit"}' })));
    act(() => latest().push({ ...queued, id: '9999', status: 'in_progress' }));
    await advance(3_100);
    expect(screen.getByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    expect(polls(api)).toBeGreaterThan(1); // not healthy: still polling
  });
});
