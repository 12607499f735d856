import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Visit } from '../../../../src/api/contract';
import { installFakeApi, mayaSession } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const appointment: Visit = {
  id: '4821',
  kind: 'appointment',
  status: 'confirmed',
  start: '2026-11-24T17:00:00.000Z',
  end: '2026-11-24T17:30:00.000Z',
  provider: { name: 'Dr. Lena Ortiz' },
};

/** jsdom cannot navigate; stand in for window.location to see where the patient is sent. */
function stubLocation() {
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, href: 'http://localhost/visits/4821', assign });
  return assign;
}

describe('confirmation page', () => {
  it('shows the date, time with timezone, provider and what happens next', async () => {
    renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    expect(screen.getByText('Tuesday, November 24, 2026')).toBeInTheDocument();
    expect(screen.getByText('9:00 AM to 9:30 AM Pacific Standard Time')).toBeInTheDocument();
    expect(screen.getByText('Times are shown in Pacific Standard Time (America/Los_Angeles).')).toBeInTheDocument();
    expect(screen.getByText('Dr. Lena Ortiz')).toBeInTheDocument();
    expect(
      screen.getByText('Come back here a few minutes before your visit and press Join video visit.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join video visit' })).toBeInTheDocument();
    expect(document.title).toBe('Appointment confirmed – frontdesk');
  });

  it('says a provider will be assigned when none is yet', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'pending', provider: null }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment requested' })).toBeInTheDocument();
    expect(screen.getByText('A provider will be assigned')).toBeInTheDocument();
  });

  it('offers no join button for a cancelled appointment', async () => {
    renderRoute('/visits/4821', {
      api: installFakeApi({ session: mayaSession, visits: [{ ...appointment, status: 'cancelled' }] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });

  it('hands off to the video portal when the patient joins', async () => {
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://portal.example.test/join/4821'));
    const [handoff] = api.callsTo('POST /api/handoff');
    expect(handoff?.body).toEqual({ target: 'visit', visitId: '4821' });
    expect(handoff?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.getByText('Opening your video visit…')).toBeInTheDocument();
  });

  it('shows a failed handoff inline and lets the patient try again', async () => {
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'The video service is not answering.' }, { times: 1 });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not open your video visit');
    expect(alert).toHaveTextContent('The video service is not answering.');
    expect(assign).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Join video visit' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
  });

  it('refuses to leave for anything but a web address', async () => {
    const assign = stubLocation();
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/handoff', { status: 200, body: { url: 'javascript:alert(1)' } });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Join video visit' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not open your video visit');
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows an error with a retry when the visit cannot be loaded', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('GET /api/visits/:id', 'network', { times: 2 });
    const { user } = renderRoute('/visits/4821', { api });

    expect(await screen.findByRole('heading', { level: 1, name: 'We could not load your visit' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/could not reach the clinic/);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
  });

  it('says when the visit does not exist', async () => {
    renderRoute('/visits/9999', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not find that visit.');
  });
});
