/**
 * Times first (issue 11) left a patient whom no time suits without the clinic's own scheduling
 * page: it needs the intake, which only the review made. The time step now offers the way there
 * before there is an intake: who and why (the review's form) on a page of their own, then back
 * to the time step, which hands off with the intake. Only where the clinic has such a page.
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { maya } from '../../../support/cast';
import { installFakeApi, riverbend, riverbendVisitTypes, slotAt } from '../../../support/fake-api';
import { stubLocation } from '../../../support/location';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const TUE_9AM = slotAt('2026-11-24T17:00:00.000Z');
// The first step was done in this tab: the place, no intake yet (times first).
const flow = { kind: 'appointment' as const, area: 'CA' };
const WAY = 'Give your details and see more times';

beforeEach(() => {
  vi.setSystemTime(NOW);
});

async function fillWhoAndWhy(user: UserEvent) {
  await user.type(await screen.findByLabelText('First name'), maya.firstName);
  await user.type(screen.getByLabelText('Last name'), maya.lastName);
  await user.type(screen.getByLabelText('Date of birth'), maya.dob);
  await user.type(screen.getByLabelText('Email'), maya.email);
  await user.type(screen.getByLabelText('Phone'), maya.phone);
  await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
}

describe('the clinic’s scheduling page before there is an intake', () => {
  it('asks who and why, makes the intake, then hands off to the clinic’s page from the time step', async () => {
    const assign = stubLocation('http://localhost/book/appointment/time');
    const api = installFakeApi({ clinic: riverbend, slots: [TUE_9AM] });
    const { user, router } = renderRoute('/book/appointment/time', { api, flow });

    // Below the times: the hint says the details come first.
    await screen.findByRole('radio', { name: 'Tuesday, November 24, 9:00 AM Pacific Time' });
    const way = screen.getByRole('link', { name: WAY });
    expect(way).toHaveAccessibleDescription(
      'No time here suits you? The clinic’s scheduling page may have more. You give your details first, and they go with you.',
    );
    // No intake yet, so no handoff yet (and the URL carries nothing about the patient).
    expect(screen.queryByRole('button', { name: /clinic’s scheduling page/ })).not.toBeInTheDocument();
    expect(way).toHaveAttribute('href', '/book/appointment/more-times');
    await user.click(way);

    // Who and why, the review's form, on a page of its own: heading (focused), steps, the why.
    const heading = await screen.findByRole('heading', { level: 1, name: 'Your details' });
    await vi.waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByRole('navigation', { name: 'Booking steps' })).toBeInTheDocument();
    expect(screen.getByText(/The clinic’s scheduling page needs to know who you are/)).toBeInTheDocument();
    // The place was asked on the first step: not again.
    expect(screen.queryByLabelText('State')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm appointment' })).not.toBeInTheDocument();
    await fillWhoAndWhy(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // The guest session and the intake, with the first step's place; nothing is booked.
    await vi.waitFor(() => expect(api.callsTo('POST /api/intakes')).toHaveLength(1));
    expect(api.callsTo('POST /api/session/guest')).toHaveLength(1);
    expect(api.callsTo('POST /api/intakes')[0]?.body).toMatchObject({ kind: 'appointment', state: 'CA', reason: maya.reason });
    expect(api.callsTo('POST /api/appointments')).toHaveLength(0);

    // Back at the time step, the clinic's page first (primary), and only once.
    await screen.findByRole('heading', { level: 1, name: 'Choose a time' });
    expect(router.state.location.pathname).toBe('/book/appointment/time');
    const go = await screen.findByRole('button', { name: 'Choose a time on the clinic’s scheduling page' });
    expect(go).toHaveClass('button-primary');
    expect(screen.queryByRole('link', { name: WAY })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'See more times on the clinic’s scheduling page' })).not.toBeInTheDocument();
    await user.click(go);
    const intakeId = [...api.intakes.keys()][0]!;
    expect(api.callsTo('POST /api/handoff')[0]?.body).toEqual({ target: 'schedule', intakeId });
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith(`https://portal.example.test/u/clinic?intake_id=${intakeId}&action=appointment#schedule-appointment`),
    );
  });

  it('with no open times at all, the way to the clinic’s page is there beside the other ways', async () => {
    const api = installFakeApi({ clinic: riverbend, slots: [] });
    renderRoute('/book/appointment/time', { api, flow });
    await screen.findByRole('region', { name: 'Other ways to get care' });
    expect(screen.getByRole('link', { name: WAY })).toBeInTheDocument();
  });

  it('a time chosen after all is reviewed and booked as usual, through the payment step', async () => {
    const api = installFakeApi({ clinic: { ...riverbend, visitTypes: riverbendVisitTypes }, slots: [TUE_9AM] });
    // The patient had asked for the clinic's page, then chose one of these times: the payment step
    // (a paid type) must lead back to the review, not to the handoff.
    const { user } = renderRoute('/book/appointment/time', { api, flow: { ...flow, visitTypeId: 'type-30', toClinicPage: true } });
    await user.click(await screen.findByRole('radio', { name: 'Tuesday, November 24, 9:00 AM Pacific Time' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    await fillWhoAndWhy(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Paying for your visit' });
    await user.click(screen.getByRole('radio', { name: 'I’ll pay myself' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
  });

  it('is not offered where the clinic has no scheduling page of its own', async () => {
    const api = installFakeApi({ clinic: { ...riverbend, capabilities: { ...riverbend.capabilities, scheduleOnSite: false } }, slots: [TUE_9AM] });
    renderRoute('/book/appointment/time', { api, flow: { ...flow, intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    await screen.findByRole('radio', { name: 'Tuesday, November 24, 9:00 AM Pacific Time' });
    expect(screen.queryByRole('link', { name: WAY })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /clinic’s scheduling page/ })).not.toBeInTheDocument();
  });

  it('the details page without the time step’s place (a reload) starts again', async () => {
    renderRoute('/book/appointment/more-times', { api: installFakeApi({ clinic: riverbend }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Book an appointment' })).toBeInTheDocument();
  });

  it('speaks Spanish', async () => {
    const { setLanguage } = await import('../../../../src/lib/i18n/language');
    await setLanguage('es');
    const api = installFakeApi({ clinic: riverbend, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    const way = await screen.findByRole('link', { name: 'Dar sus datos y ver más horarios' });
    expect(way).toHaveAccessibleDescription(/^¿Ningún horario le conviene\? .* Primero nos da sus datos/);
    await user.click(way);
    const main = (await screen.findByRole('heading', { level: 1, name: 'Sus datos' })).closest('main') ?? document.body;
    expect(within(main).getByText(/La página de citas de la clínica necesita saber quién es usted/)).toBeInTheDocument();
  });
});
