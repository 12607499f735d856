/**
 * The booking flow with the clinic's choices (issue #16): the visit type first, the clinic's
 * questions with the details, a provider beside the times, and the type's length, price and the
 * provider carried through review to the booking; VSee's scheduling page when the clinic uses it.
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clinic } from '../../../../src/api/contract';
import type { IntakeQuestion } from '../../../../src/api/intake-questions';
import { setPreselectedProvider } from '../../../../src/lib/preselect';
import { installFakeApi, maya, mayaSession, riverbend, riverbendProviders, riverbendVisitTypes, slotAt } from '../../../support/fake-api';
import { stubLocation } from '../../../support/location';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const TUE_9AM = slotAt('2026-11-24T17:00:00.000Z', 15, ['prov-okafor', 'prov-chen']);
const TUE_10AM = slotAt('2026-11-24T18:00:00.000Z', 15, ['prov-chen']);

const QUESTIONS: IntakeQuestion[] = [
  { id: 'is_allergic', kind: 'yes_no', required: true, label: { en: 'Do you have any allergies?', es: '¿Tiene alguna alergia?' } },
  {
    id: 'allergies',
    kind: 'text',
    required: true,
    multiline: false,
    maxLength: 300,
    label: { en: 'What are you allergic to?', es: '¿A qué es alérgico?' },
    showWhen: { question: 'is_allergic', equals: true },
  },
];

const clinic: Clinic = { ...riverbend, visitTypes: riverbendVisitTypes, providers: riverbendProviders, questions: QUESTIONS };

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  setPreselectedProvider(null);
});

async function fillVisitDetails(user: UserEvent) {
  await user.type(await screen.findByLabelText('Phone'), maya.phone);
  // Asked on the first step for an appointment (times first).
  const state = screen.queryByLabelText('State');
  if (state) await user.selectOptions(state, maya.stateName);
  await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
}

/** A time by its spoken name (the day's times are one radio group). */
async function pickTime(user: UserEvent, name: string) {
  await user.click(await screen.findByRole('radio', { name }));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('booking with the clinic’s visit types, providers and questions', () => {
  it('asks the type first, the provider beside the times, the questions with the details on the review; booking follows them', async () => {
    const api = installFakeApi({ session: mayaSession, clinic, slots: [TUE_9AM, TUE_10AM] });
    const { user } = renderRoute('/book/appointment/details', { api });

    // The type comes first, the clinic's first (default) one chosen; then where (times first).
    const types = await screen.findByRole('group', { name: 'What kind of visit?' });
    const form = types.closest('form')!;
    expect(within(form).getAllByRole('group')[0]).toBe(types);
    expect(within(types).getByRole('radio', { name: '15-min Consultation' })).toBeChecked();
    await user.click(within(types).getByRole('radio', { name: '30-min Consultation' }));
    await user.selectOptions(screen.getByLabelText('State'), maya.stateName);
    expect(screen.queryByRole('group', { name: 'Do you have any allergies?' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // Any provider first; choosing Dr. Chen asks for her open times of the chosen type only.
    await screen.findByRole('heading', { level: 1, name: 'Choose a time' });
    const who = screen.getByRole('group', { name: 'Who would you like to see?' });
    expect(within(who).getByRole('radio', { name: 'Any available provider' })).toBeChecked();
    await user.click(within(who).getByRole('radio', { name: 'Dr. Mei Chen' }));
    await vi.waitFor(() => expect(api.callsTo('GET /api/clinic/availability').at(-1)?.query.get('providerId')).toBe('prov-chen'));
    expect(api.callsTo('GET /api/clinic/availability').at(-1)?.query.get('visitTypeId')).toBe('type-30');
    await pickTime(user, 'Tuesday, November 24, 10:00 AM Pacific Time');

    // Review: the 30-minute time, the type with its price, the provider; then the details.
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    expect(screen.getByText('10:00 AM to 10:30 AM Pacific Time')).toBeInTheDocument();
    expect(screen.getByText('30-min Consultation (Video appointment)')).toBeInTheDocument();
    expect(screen.getByText('$89.00')).toBeInTheDocument();
    expect(screen.getByText('Dr. Mei Chen')).toBeInTheDocument();
    await fillVisitDetails(user);
    // A required question left blank stops the form, says so and takes focus.
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    const allergic = screen.getByRole('group', { name: 'Do you have any allergies?' });
    expect(within(allergic).getByRole('radio', { name: 'Yes' })).toHaveFocus();
    expect(allergic).toHaveAccessibleDescription('Error: Answer this question.');
    expect(api.callsTo('POST /api/intakes')).toHaveLength(0);
    await user.keyboard(' ');
    await user.type(screen.getByRole('textbox', { name: 'What are you allergic to?' }), 'Penicillin');
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    // The intake carries the type, the provider and the answers.
    await vi.waitFor(() => expect(api.callsTo('POST /api/intakes')).toHaveLength(1));
    expect(api.callsTo('POST /api/intakes')[0]?.body).toMatchObject({
      visitTypeId: 'type-30',
      providerId: 'prov-chen',
      answers: { is_allergic: true, allergies: 'Penicillin' },
    });

    // A paid type: how will they pay, at the 30-minute type's price (not the default type's).
    await screen.findByRole('heading', { level: 1, name: 'Paying for your visit' });
    const self = screen.getByRole('radio', { name: 'I’ll pay myself' });
    expect(self).toHaveAccessibleDescription('This visit costs $89.00.');
    await user.click(self);
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // Back on the review to confirm, with the payment said.
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    expect(await screen.findByRole('region', { name: 'Payment' })).toHaveTextContent('You will pay for this visit yourself: $89.00.');
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    expect(api.callsTo('POST /api/appointments')[0]?.body).toMatchObject({
      start: '2026-11-24T18:00:00.000Z',
      end: '2026-11-24T18:30:00.000Z',
      providerId: 'prov-chen',
    });
    // The confirmation's one large line: day, then the 30-minute range.
    expect(screen.getByText(/10:00 AM to 10:30 AM Pacific Time$/)).toHaveClass('when-line');
  });

  it('a phone type books a phone visit whose confirmation never offers video', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...clinic, questions: [] }, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/details', { api });
    await user.click(await screen.findByRole('radio', { name: 'Phone call (15 min)' }));
    await user.selectOptions(screen.getByLabelText('State'), maya.stateName);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await pickTime(user, 'Tuesday, November 24, 9:00 AM Pacific Time');
    expect(await screen.findByText('Phone call (15 min) (Phone visit)')).toBeInTheDocument();
    expect(screen.getByText('No charge')).toBeInTheDocument();
    await fillVisitDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    const how = await screen.findByRole('region', { name: 'This is a phone visit' });
    expect(how).toHaveTextContent(`We will call you at ${maya.phone} at the time of your visit.`);
    expect(screen.queryByRole('button', { name: 'Join video visit' })).not.toBeInTheDocument();
  });

  it('one visit type: no question; no providers listed: no provider step', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, visitTypes: [{ ...riverbendVisitTypes[0]!, price: null }] }, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/details', { api });
    await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
    expect(screen.queryByRole('group', { name: 'What kind of visit?' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: 'Choose a time' });
    expect(screen.queryByRole('group', { name: 'Who would you like to see?' })).not.toBeInTheDocument();
  });

  it('starts with the provider a link or embed named, when the clinic lists them', async () => {
    setPreselectedProvider('prov-chen');
    const api = installFakeApi({ session: mayaSession, clinic, slots: [TUE_9AM, TUE_10AM] });
    renderRoute('/book/appointment/time', { api, flow: { kind: 'appointment', area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    expect(await screen.findByRole('radio', { name: 'Dr. Mei Chen' })).toBeChecked();
    await vi.waitFor(() => expect(api.callsTo('GET /api/clinic/availability')[0]?.query.get('providerId')).toBe('prov-chen'));
  });

  it('an unknown preselected provider is ignored: any available provider', async () => {
    setPreselectedProvider('someone-else');
    const api = installFakeApi({ session: mayaSession, clinic, slots: [TUE_9AM] });
    renderRoute('/book/appointment/time', { api, flow: { kind: 'appointment', area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    expect(await screen.findByRole('radio', { name: 'Any available provider' })).toBeChecked();
    await vi.waitFor(() => expect(api.callsTo('GET /api/clinic/availability')[0]?.query.has('providerId')).toBe(false));
  });

  it('SCHEDULING=vsee: the time is picked on the clinic’s own page, with the details', async () => {
    const assign = stubLocation('http://localhost/book/appointment/time');
    const api = installFakeApi({ session: mayaSession, clinic: { ...clinic, scheduling: 'vsee' }, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow: { kind: 'appointment', area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    const go = await screen.findByRole('button', { name: 'Choose a time on the clinic’s scheduling page' });
    expect(go).toHaveAccessibleDescription('Your visit details go with you, so you will not fill them in again.');
    expect(screen.queryByRole('group', { name: 'Who would you like to see?' })).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/availability')).toHaveLength(0);
    await user.click(go);
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://portal.example.test/u/clinic?intake_id=seeded-intake-1&action=appointment#schedule-appointment'),
    );
    expect(api.callsTo('POST /api/handoff')[0]?.body).toEqual({ target: 'schedule', intakeId: 'seeded-intake-1' });
  });

  it('the clinic’s page is offered below the times too, and a failure is said', async () => {
    const api = installFakeApi({ session: mayaSession, clinic, slots: [TUE_9AM] });
    api.fail('POST /api/handoff', { status: 502, code: 'upstream_unavailable', message: 'VSee is not answering.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/time', { api, flow: { kind: 'appointment', area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    await user.click(await screen.findByRole('button', { name: 'See more times on the clinic’s scheduling page' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a time on the clinic’s scheduling page');
  });

  it('speaks Spanish on the time step', async () => {
    const { setLanguage } = await import('../../../../src/lib/i18n/language');
    await setLanguage('es');
    const api = installFakeApi({ session: mayaSession, clinic, slots: [TUE_9AM] });
    renderRoute('/book/appointment/time', { api, flow: { kind: 'appointment', area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' } });
    expect(await screen.findByRole('group', { name: '¿Con quién quiere consultar?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ver más horarios en la página de citas de la clínica' })).toBeInTheDocument();
  });
});
