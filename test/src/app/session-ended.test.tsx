import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { installFakeApi, maya, mayaSession } from '../../support/fake-api';
import { renderRoute } from '../../support/render';

async function sendDetailsWithoutIdentity(user: UserEvent, send = 'Continue') {
  await user.selectOptions(await screen.findByLabelText('State'), 'CA');
  await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
  await user.click(screen.getByRole('button', { name: send }));
}

describe('session ended', () => {
  it.each(['/visits', '/visits/4821'])('tells a first-time visitor at %s how to start, not that a session ended', async (path) => {
    // Never signed in in this tab: the page's call answers 401.
    const api = installFakeApi({ session: null });
    const { user, router } = renderRoute(path, { api });

    const heading = await screen.findByRole('heading', { level: 1, name: 'Start by booking a visit' });
    expect(heading).toHaveFocus();
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
    expect(screen.getByText(/Open the link to your appointment from your confirmation/)).toBeInTheDocument();
    expect(document.title).toBe('Start by booking a visit – Riverbend Family Clinic');
    // Nothing about the patient is kept to tell the two apart: one flag, and it is not set.
    expect(Object.keys(sessionStorage)).toEqual([]);

    await user.click(screen.getByRole('link', { name: 'Go to the start page' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/');
  });

  it('replaces the page when a query gets a 401, and starts again from the start page', async () => {
    // Signed in when the page opened; the visit lookup then answers 401 (the session timed out).
    const api = installFakeApi({ session: mayaSession });
    api.fail('GET /api/visits/:id', { status: 401, code: 'unauthorized', message: 'Your session has ended.' });
    const { user, router } = renderRoute('/visits/4821', { api });

    const heading = await screen.findByRole('heading', { level: 1, name: 'Your session has ended' });
    expect(heading).toHaveFocus();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.title).toBe('Your session has ended – Riverbend Family Clinic');

    const startAgain = screen.getByRole('link', { name: 'Start again' });
    expect(startAgain).toHaveAttribute('href', '/');
    await user.click(startAgain);

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverbend Family Clinic' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('replaces the page when a booking step gets a 401', async () => {
    const api = installFakeApi({ session: mayaSession });
    api.fail('POST /api/intakes', { status: 401, code: 'unauthorized', message: 'Your session has ended.' });
    const { user } = renderRoute('/book/walkin/details', { api });

    await sendDetailsWithoutIdentity(user, 'Join the queue');

    expect(await screen.findByRole('heading', { level: 1, name: 'Your session has ended' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Join the queue' })).not.toBeInTheDocument();
  });

  it('treats "nobody signed in" from GET /api/session as a new visitor, not as an ended session', async () => {
    const api = installFakeApi({ session: null });
    renderRoute('/book/walkin/details', { api });

    expect(await screen.findByLabelText('First name')).toBeInTheDocument();
    expect(api.callsTo('GET /api/session')).toHaveLength(1);
    expect(screen.queryByText('Your session has ended')).not.toBeInTheDocument();
  });

  it('ends the session from the new visit pages too, and drops the "My visits" link', async () => {
    vi.setSystemTime(new Date('2026-11-23T20:00:00.000Z'));
    const api = installFakeApi({
      session: mayaSession,
      visits: [
        {
          id: '4821',
          kind: 'appointment', modality: 'video',
          status: 'confirmed',
          start: '2026-11-24T17:00:00.000Z',
          end: '2026-11-24T17:30:00.000Z',
          provider: null,
        },
      ],
    });
    const { user } = renderRoute('/visits/4821', { api });
    await within(screen.getByRole('banner')).findByRole('link', { name: 'My visits' });
    // The session times out while the patient reads the page.
    api.fail('POST /api/visits/:id/invite', { status: 401, code: 'unauthorized', message: 'Your session has ended.' });

    await user.click(await screen.findByRole('button', { name: 'Invite someone to join' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your session has ended' })).toHaveFocus();
    expect(within(screen.getByRole('banner')).queryByRole('link', { name: 'My visits' })).not.toBeInTheDocument();
  });
});
