import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaAppointment, mayaSession } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const GUEST_URL = 'https://portal.example.test/visits/join/guest-4821';
const appointment = mayaAppointment;

beforeEach(() => {
  vi.setSystemTime(NOW);
});

describe('invite someone to join', () => {
  it('makes a guest link and shows it read-only, with focus on it and a warning about who can use it', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));

    const link = await screen.findByRole('textbox', { name: 'Guest link' });
    expect(link).toHaveValue(GUEST_URL);
    expect(link).toHaveAttribute('readonly');
    expect(link).toHaveFocus();
    expect(link).toHaveAccessibleDescription(/Anyone with this link can join your visit as a guest/);
    const [call] = api.callsTo('POST /api/visits/:id/invite');
    expect(call?.path).toBe('/api/visits/4821/invite');
    expect(call?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.queryByRole('button', { name: 'Invite someone to join' })).not.toBeInTheDocument();
  });

  it('copies the link and says so politely', async () => {
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));
    await screen.findByRole('textbox', { name: 'Guest link' });
    // user-event puts a clipboard stub on navigator; watch what is written to it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');

    await user.click(screen.getByRole('button', { name: 'Copy link' }));

    expect(writeText).toHaveBeenCalledWith(GUEST_URL);
    expect(await navigator.clipboard.readText()).toBe(GUEST_URL);
    // A polite live region (role="status"), there before the text arrives so the change is read out.
    expect(screen.getByText('Link copied')).toHaveAttribute('role', 'status');
  });

  it('asks the patient to copy it by hand when the browser will not', async () => {
    const { user } = renderRoute('/visits/4821', { api: installFakeApi({ session: mayaSession, visits: [appointment] }) });
    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));
    const link = await screen.findByRole('textbox', { name: 'Guest link' });
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Denied', 'NotAllowedError'));

    await user.click(screen.getByRole('button', { name: 'Copy link' }));

    expect(await screen.findByText(/Select the link and copy it/)).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Link copied')).not.toBeInTheDocument();
    expect(link).toHaveFocus();
  });

  it('explains when the clinic will not make a guest link', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/visits/:id/invite', { status: 409, code: 'conflict', message: 'Guests can no longer join this visit.' });
    const { user } = renderRoute('/visits/4821', { api });

    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not make a guest link');
    expect(alert).toHaveTextContent('Guests can no longer join this visit.');
    expect(screen.queryByRole('textbox', { name: 'Guest link' })).not.toBeInTheDocument();
  });
});
