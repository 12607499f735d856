import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, mayaAppointment, mayaSession } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const appointment = mayaAppointment;

beforeEach(() => {
  vi.setSystemTime(NOW);
});

async function openDialog() {
  const api = installFakeApi({ session: mayaSession, visits: [appointment] });
  const rendered = renderRoute('/visits/4821', { api });
  const opener = await screen.findByRole('button', { name: 'Cancel appointment' });
  await rendered.user.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Cancel this appointment?' });
  return { ...rendered, api, opener, dialog };
}

describe('cancel appointment', () => {
  it('asks first, in a modal dialog named by its heading, with focus on the safe choice', async () => {
    const { dialog, api } = await openDialog();

    expect(dialog).toHaveAttribute('open');
    expect(within(dialog).getByRole('heading', { level: 2, name: 'Cancel this appointment?' })).toBeInTheDocument();
    expect(within(dialog).getByText(/Tuesday, November 24, 9:00 AM Pacific Time will be cancelled/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Keep appointment' })).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Yes, cancel appointment' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(0);
  });

  it('closes on Escape and gives focus back to the Cancel appointment button', async () => {
    const { user, opener, dialog, api } = await openDialog();

    await user.keyboard('{Escape}');

    expect(dialog).not.toHaveAttribute('open');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(api.callsTo('POST /api/visits/:id/cancel')).toHaveLength(0);
    expect(screen.getByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
  });

  it('closes on Keep appointment and gives focus back too', async () => {
    const { user, opener, dialog } = await openDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Keep appointment' }));

    expect(dialog).not.toHaveAttribute('open');
    expect(opener).toHaveFocus();
  });

  it('cancels with the patient’s reason when confirmed, and says so', async () => {
    const { user, dialog, api } = await openDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment cancelled' })).toHaveFocus();
    const calls = api.callsTo('POST /api/visits/:id/cancel');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/visits/4821/cancel');
    expect(calls[0]?.body).toEqual({ reason: 'patient_cancel_appointment' });
    expect(calls[0]?.headers.get('X-Frontdesk')).toBe('1');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Book again' })).toBeInTheDocument();
    expect(api.visits.get('4821')?.status).toBe('cancelled');
  });

  it('keeps the dialog open with the reason when cancelling fails', async () => {
    const api = installFakeApi({ session: mayaSession, visits: [appointment] });
    api.fail('POST /api/visits/:id/cancel', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' });
    const { user } = renderRoute('/visits/4821', { api });
    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this appointment?' });

    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel appointment' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('We could not cancel your appointment');
    expect(alert).toHaveTextContent('The clinic is not answering.');
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
  });
});
