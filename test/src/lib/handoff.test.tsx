/**
 * Where "Join video visit" takes the patient. Outside a frame this page navigates; embedded, the
 * clinic's handoffTarget decides: a new tab (a real link, its address fetched beforehand), the
 * whole window, or the frame.
 */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clinic } from '../../../src/api/contract';
import { installFakeApi, mayaAppointment, mayaSession, riverbend } from '../../support/fake-api';
import { renderRoute } from '../../support/render';
import { enterEmbedMode, leaveEmbedMode, sentOf } from '../embed/embed-support';
import { stubLocation } from '../../support/location';

// Ten minutes before the appointment (9:00 AM in Los Angeles): joining is open (15 minutes before).
const NOW = new Date('2026-11-24T16:50:00.000Z');
const PORTAL = 'https://portal.example.test/join/4821';
const appointment = mayaAppointment;

beforeEach(() => {
  vi.setSystemTime(NOW);
});

afterEach(() => {
  leaveEmbedMode();
});

/** jsdom cannot navigate; watch where this page would go. Call after entering embed mode. */
function renderVisit(handoffTarget: Clinic['handoffTarget']) {
  const api = installFakeApi({ session: mayaSession, visits: [appointment], clinic: { ...riverbend, handoffTarget } });
  return renderRoute('/visits/4821', { api });
}

describe('handoff in a frame', () => {
  it('new-tab: Join is a real link to the portal, fetched when the page can join: no blank tab, so hosts that isolate themselves work', async () => {
    const host = enterEmbedMode('/visits/4821');
    const assign = stubLocation();
    const open = vi.fn();
    vi.stubGlobal('open', open);
    const { api, user } = renderVisit('new-tab');

    const join = await screen.findByRole('link', { name: 'Join video visit' });
    expect(join).toHaveAttribute('href', PORTAL);
    expect(join).toHaveAttribute('target', '_blank');
    expect(join).toHaveAttribute('rel', 'noopener noreferrer');
    expect(api.callsTo('POST /api/handoff').map((call) => call.body)).toEqual([{ target: 'visit', visitId: '4821' }]);
    expect(sentOf(host, 'handoff')).toEqual([]);

    // jsdom does not open the link; the click tells the host where the patient went, nothing more.
    join.addEventListener('click', (event) => event.preventDefault());
    await user.click(join);
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'visit' }]);
    expect(open).not.toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
  });

  it('asks for no portal address before joining opens, and says when it does', async () => {
    vi.setSystemTime(new Date('2026-11-23T20:00:00.000Z'));
    enterEmbedMode('/visits/4821');
    const { api } = renderVisit('new-tab');

    expect(await screen.findByText(/^You can join from Tuesday, November 24, 8:45 AM Pacific Time/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Join video visit' })).not.toBeInTheDocument();
    expect(api.callsTo('POST /api/handoff')).toEqual([]);
  });

  it('new-tab: says so, with a retry, when the portal address cannot be had', async () => {
    const host = enterEmbedMode('/visits/4821');
    const { api, user } = renderVisit('new-tab');
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'The video service is not answering.' }, { times: 1 });

    expect(await screen.findByRole('alert')).toHaveTextContent('The video service is not answering.');
    expect(screen.queryByRole('link', { name: 'Join video visit' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Join video visit' })).toHaveAttribute('href', PORTAL);
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

  it('top: offers the portal as a link to press when the browser refuses to navigate the host page', async () => {
    const host = enterEmbedMode('/visits/4821');
    const top = {
      location: {
        set href(_url: string) {
          throw new DOMException('Unsafe attempt to initiate navigation', 'SecurityError');
        },
      },
    };
    vi.stubGlobal('top', top);
    const open = vi.fn();
    vi.stubGlobal('open', open);
    const { user } = renderVisit('top');

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    const link = await screen.findByRole('link', { name: 'Open your video visit' });
    expect(link).toHaveAttribute('href', PORTAL);
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // No window is opened by script (a host with COOP same-origin would cut it off).
    expect(open).not.toHaveBeenCalled();
    expect(sentOf(host, 'handoff')).toEqual([]);
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

  it('new-tab: the dashboard is a real link too, and the host hears only the target', async () => {
    const host = enterEmbedMode('/visits');
    const open = vi.fn();
    vi.stubGlobal('open', open);
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    const { user } = renderRoute('/visits', { api });

    const link = await screen.findByRole('link', { name: 'Go to my clinic dashboard' });
    expect(link).toHaveAttribute('href', 'https://portal.example.test/u/clinic');
    expect(link).toHaveAttribute('target', '_blank');
    link.addEventListener('click', (event) => event.preventDefault());
    await user.click(link);
    expect(sentOf(host, 'handoff')).toEqual([{ target: 'dashboard' }]);
    expect(open).not.toHaveBeenCalled();
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
