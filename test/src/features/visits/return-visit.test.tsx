/**
 * The return link's page (`/v/<token>`), opened in a browser with no session: that one visit,
 * when joining opens, and a real link to join once it has.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaAppointment } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const TOKEN = 'sealed-return-token-for-visit-4821';

describe('return link page', () => {
  it('shows the one visit, with no session, and says when joining opens', async () => {
    // Monday, November 23, 2026, noon in Los Angeles: the visit is tomorrow at 9:00 AM.
    vi.setSystemTime(new Date('2026-11-23T20:00:00.000Z'));
    const api = installFakeApi({ session: null, visits: [mayaAppointment] });
    renderRoute(`/v/${TOKEN}`, { api });

    expect(await screen.findByText('Tuesday, November 24, 2026, 9:00 AM to 9:30 AM Pacific Time')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Your video appointment' })).toBeInTheDocument();
    expect(screen.getByText('Dr. Amara Okafor')).toBeInTheDocument();
    expect(
      screen.getByText('You can join from Tuesday, November 24, 8:45 AM Pacific Time, 15 minutes before your visit:', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Join video visit' })).not.toBeInTheDocument();
    // Nothing else of the patient's: no cancel, no other visits, no session asked for.
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
    expect(api.callsTo('POST /api/return/handoff')).toHaveLength(0);
    const [call] = api.callsTo('POST /api/return/visit');
    expect(call?.body).toEqual({ token: TOKEN });
  });

  it('offers Join as a real link to the portal from 15 minutes before the start', async () => {
    vi.setSystemTime(new Date('2026-11-24T16:50:00.000Z'));
    const api = installFakeApi({ session: null, visits: [mayaAppointment] });
    renderRoute(`/v/${TOKEN}`, { api });

    const join = await screen.findByRole('link', { name: 'Join video visit' });
    expect(join).toHaveAttribute('href', 'https://portal.example.test/join/4821');
    expect(join).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('says the link has expired once the visit is over', async () => {
    vi.setSystemTime(new Date('2026-11-23T20:00:00.000Z'));
    const api = installFakeApi({ session: null, visits: [{ ...mayaAppointment, status: 'cancelled' }] });
    renderRoute(`/v/${TOKEN}`, { api });

    expect(await screen.findByRole('heading', { level: 1, name: 'This link no longer opens a visit' })).toBeInTheDocument();
    expect(screen.getByText(/This link has expired/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Book a new visit' })).toHaveAttribute('href', '/');
  });
});
