/**
 * "Where are you?" and "Can the clinic see you now?" on the start page, for a clinic with service
 * areas: the answer comes before any details, in plain words with a way forward; "Somewhere else"
 * (or an area out of service) leads to the out-of-area page, which offers what is still possible.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatSlotName } from '../../../../src/lib/format-time';
import { setArea } from '../../../../src/lib/service-area';
import { detectedTimeZone } from '../../../../src/lib/time-zone';
import { installFakeApi, riverbendWithAreas } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const closed = { closedMessage: null, opensAt: null, wait: null, price: null };

afterEach(() => setArea(null));

describe('where the patient is, on the start page', () => {
  it('asks first, and offers nothing to book until the patient answers', async () => {
    renderRoute('/', { api: installFakeApi({ clinic: riverbendWithAreas }) });
    const where = await screen.findByRole('combobox', { name: 'Where are you right now?' });
    expect(within(where).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose where you are', 'Oregon', 'Washington', 'Somewhere else']);
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
  });

  it('says the clinic can see them now, with the estimated wait', async () => {
    const api = installFakeApi({ clinic: riverbendWithAreas, areas: { WA: { isOpen: true, closedReason: null, ...closed, wait: { minutes: 15, moreThanAnHour: false } } } });
    const { user } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'WA');
    const status = await screen.findByRole('region', { name: 'Can the clinic see you now?' });
    expect(within(status).getByText('Yes, a provider can see you by video now.')).toBeInTheDocument();
    expect(within(status).getByText('Estimated wait: about 15 minutes.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'See a provider now' })).toBeInTheDocument();
  });

  it('says why not when the area is busy, and offers a later time, a retry and the phone', async () => {
    const api = installFakeApi({ clinic: riverbendWithAreas, areas: { OR: { isOpen: false, closedReason: 'busy', ...closed, closedMessage: 'We are very busy right now.' } } });
    const { user } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'OR');
    const status = await screen.findByRole('region', { name: 'Can the clinic see you now?' });
    expect(within(status).getByText('Not right now: the clinic is seeing more patients than usual.')).toBeInTheDocument();
    expect(within(status).getByText('The clinic says: “We are very busy right now.”')).toBeInTheDocument();
    expect(within(status).getByText('You can schedule an appointment for later below.')).toBeInTheDocument();
    expect(within(status).getByRole('link', { name: '+1 555-010-2000' })).toHaveAttribute('href', 'tel:+15550102000');
    expect(screen.queryByRole('button', { name: 'See a provider now' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Schedule an appointment' })).toBeInTheDocument();
    const before = api.callsTo('GET /api/clinic/areas/:areaId').length;
    await user.click(within(status).getByRole('button', { name: 'Check again' }));
    expect(api.callsTo('GET /api/clinic/areas/:areaId').length).toBe(before + 1);
  });

  it('gives the next opening outside hours, in the patient’s words', async () => {
    const opensAt = '2030-01-07T16:00:00.000Z';
    const api = installFakeApi({ clinic: riverbendWithAreas, areas: { WA: { isOpen: false, closedReason: 'off_hours', ...closed, opensAt } } });
    const { user } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'WA');
    const status = await screen.findByRole('region', { name: 'Can the clinic see you now?' });
    expect(within(status).getByText(`Not right now: the clinic is closed. It opens again on ${formatSlotName(opensAt, detectedTimeZone())}.`)).toBeInTheDocument();
  });

  it('takes "Somewhere else" to the out-of-area page: where the clinic does see patients, an e-consult, the phone', async () => {
    const api = installFakeApi({ clinic: { ...riverbendWithAreas, econsultEnabled: true } });
    const { user, router } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'other');
    expect(await screen.findByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/out-of-area');
    expect(screen.getByText('They see patients in: Oregon and Washington.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '+1 555-010-2000' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a question to a provider' }));
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/book/econsult/details'));
  });

  it('takes an area the clinic reports out of service to the same page', async () => {
    const api = installFakeApi({ clinic: riverbendWithAreas, areas: { WA: { isOpen: false, closedReason: 'out_of_area', ...closed } } });
    const { user } = renderRoute('/', { api });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Where are you right now?' }), 'WA');
    expect(await screen.findByRole('heading', { level: 1, name: 'The clinic cannot see you where you are' })).toBeInTheDocument();
    // No e-consults here: nothing offered that the clinic does not take.
    expect(screen.queryByRole('button', { name: 'Send a question to a provider' })).not.toBeInTheDocument();
  });
});
