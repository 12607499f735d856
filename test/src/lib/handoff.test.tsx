/**
 * Where "Join video visit" takes the patient. Outside a frame this page navigates; embedded, the
 * clinic's handoffTarget decides: a new tab (opened blank in the click itself, so popup blockers
 * allow it), the whole window, or the frame.
 */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clinic } from '../../../src/api/contract';
import { installFakeApi, mayaAppointment, mayaSession, riverbend } from '../../support/fake-api';
import { renderRoute } from '../../support/render';
import { enterEmbedMode, leaveEmbedMode, sentOf } from '../embed/embed-support';
import { stubLocation } from '../../support/location';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const PORTAL = 'https://portal.example.test/join/4821';
const appointment = mayaAppointment;

beforeEach(() => {
  vi.setSystemTime(NOW);
});

afterEach(() => {
  leaveEmbedMode();
});

/** A stand-in for the window.open() result: a blank tab we can watch. */
function fakeTab() {
  return { opener: window as Window | null, location: { href: 'about:blank' }, close: vi.fn() };
}

/** jsdom cannot navigate; watch where this page would go. Call after entering embed mode. */
function renderVisit(handoffTarget: Clinic['handoffTarget']) {
  const api = installFakeApi({ session: mayaSession, visits: [appointment], clinic: { ...riverbend, handoffTarget } });
  return renderRoute('/visits/4821', { api });
}

describe('handoff in a frame', () => {
  it('new-tab: opens a blank tab in the click itself, then sends it to the portal with no opener', async () => {
    const host = enterEmbedMode('/visits/4821');
    const assign = stubLocation();
    const tab = fakeTab();
    const open = vi.fn(() => tab);
    vi.stubGlobal('open', open);
    const { api, user } = renderVisit('new-tab');
    const release = api.hold('POST /api/handoff');

    // Popup blockers allow window.open only while the click is being handled: check from a listener
    // that runs after React's (the click bubbles from React's root up to the document).
    let openedDuringClick = false;
    const afterReact = () => {
      openedDuringClick = open.mock.calls.length === 1;
    };
    document.addEventListener('click', afterReact);
    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));
    document.removeEventListener('click', afterReact);

    expect(openedDuringClick).toBe(true);
    // Before the proxy has answered: the tab is already open and blank.
    expect(open).toHaveBeenCalledExactlyOnceWith('', '_blank');
    expect(tab.location.href).toBe('about:blank');
    expect(screen.getByText('Opening your video visit…')).toBeInTheDocument();

    release();
    expect(await screen.findByText('Your video visit opened in a new tab.')).toBeInTheDocument();
    expect(tab.location.href).toBe(PORTAL);
    expect(tab.opener).toBeNull();
    expect(tab.close).not.toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'visit' }]);
    // The frame stays usable: the patient can press again.
    expect(screen.getByRole('button', { name: 'Join video visit' })).not.toHaveAttribute('aria-disabled');
  });

  it('new-tab: closes the blank tab when the handoff fails', async () => {
    const host = enterEmbedMode('/visits/4821');
    const tab = fakeTab();
    vi.stubGlobal('open', vi.fn(() => tab));
    const { api, user } = renderVisit('new-tab');
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'The video service is not answering.' });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The video service is not answering.');
    expect(tab.close).toHaveBeenCalledOnce();
    expect(tab.location.href).toBe('about:blank');
    expect(sentOf(host, 'handoff')).toEqual([]);
  });

  it('new-tab: offers a link when a popup blocker refuses the tab', async () => {
    const host = enterEmbedMode('/visits/4821');
    const assign = stubLocation();
    vi.stubGlobal('open', vi.fn(() => null));
    const { user } = renderVisit('new-tab');

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    const link = await screen.findByRole('link', { name: 'Open your video visit' });
    expect(link).toHaveAttribute('href', PORTAL);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(assign).not.toHaveBeenCalled();
    expect(sentOf(host, 'handoff')).toEqual([]);
  });

  it('top: sends the whole window to the portal on the patient’s click', async () => {
    const host = enterEmbedMode('/visits/4821');
    const assign = stubLocation();
    const top = { location: { href: 'https://health.example/book' } };
    vi.stubGlobal('top', top);
    const open = vi.fn();
    vi.stubGlobal('open', open);
    const { user } = renderVisit('top');

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    await vi.waitFor(() => expect(top.location.href).toBe(PORTAL));
    expect(open).not.toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'visit' }]);
  });

  it('top: falls back to a new tab when the browser refuses to navigate the host page', async () => {
    enterEmbedMode('/visits/4821');
    const top = {
      location: {
        set href(_url: string) {
          throw new DOMException('Unsafe attempt to initiate navigation', 'SecurityError');
        },
      },
    };
    vi.stubGlobal('top', top);
    const tab = fakeTab();
    const open = vi.fn(() => tab);
    vi.stubGlobal('open', open);
    const { user } = renderVisit('top');

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    expect(await screen.findByText('Your video visit opened in a new tab.')).toBeInTheDocument();
    expect(open).toHaveBeenCalledExactlyOnceWith('', '_blank');
    expect(tab.location.href).toBe(PORTAL);
    expect(tab.opener).toBeNull();
  });

  it('self: navigates the frame itself', async () => {
    const host = enterEmbedMode('/visits/4821');
    const assign = stubLocation();
    const open = vi.fn();
    vi.stubGlobal('open', open);
    const { user } = renderVisit('self');

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledExactlyOnceWith(PORTAL));
    expect(open).not.toHaveBeenCalled();
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'visit' }]);
  });

  it('sends the dashboard handoff where the clinic chose too, naming only the target', async () => {
    const host = enterEmbedMode('/visits');
    const tab = fakeTab();
    vi.stubGlobal('open', vi.fn(() => tab));
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    const { user } = renderRoute('/visits', { api });

    await user.click(await screen.findByRole('button', { name: 'Go to my clinic dashboard' }));

    expect(await screen.findByText('Your dashboard opened in a new tab.')).toBeInTheDocument();
    expect(tab.location.href).toBe('https://portal.example.test/u/clinic');
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'dashboard' }]);
  });
});

describe('handoff outside a frame', () => {
  it.each<Clinic['handoffTarget']>(['new-tab', 'top', 'self'])(
    'navigates this page whatever the embed setting (%s)',
    async (handoffTarget) => {
      const assign = stubLocation();
      const open = vi.fn();
      vi.stubGlobal('open', open);
      const top = { location: { href: 'http://localhost/visits/4821' } };
      vi.stubGlobal('top', top);
      const { user } = renderVisit(handoffTarget);

      await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

      await vi.waitFor(() => expect(assign).toHaveBeenCalledExactlyOnceWith(PORTAL));
      expect(open).not.toHaveBeenCalled();
      expect(top.location.href).toBe('http://localhost/visits/4821');
    },
  );
});
