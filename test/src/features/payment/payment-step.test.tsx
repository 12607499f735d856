/**
 * "How will you pay for this visit?" (issue #12): every choice, the insurer combobox by keyboard,
 * errors beside their fields (announced, input kept), Spanish, and the coverage state on the pages
 * after it, updating by itself.
 */
import { act, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetLanguage, setLanguage } from '../../../../src/lib/i18n/language';
import { installFakeApi, maya, mayaSession, riverbend, riverbendPayment, slotAt } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

const NOW = new Date('2026-11-23T20:00:00.000Z');
const econsultClinic = { ...riverbend, econsultEnabled: true };

beforeEach(() => {
  vi.setSystemTime(NOW);
});
afterEach(() => {
  resetLanguage();
  vi.useRealTimers();
});

function paymentApi(overrides: Parameters<typeof installFakeApi>[0] = {}) {
  return installFakeApi({ session: mayaSession, payment: riverbendPayment, ...overrides });
}

/** The payment step of a booking whose details were just sent. */
function atPaymentStep(kind: 'appointment' | 'walkin' | 'econsult', api = paymentApi()) {
  api.intakes.set('intake-1', { kind, reason: maya.reason, state: 'CA' });
  return renderRoute(`/book/${kind}/payment`, {
    api,
    flow: { kind, intakeId: 'intake-1', intakeSignature: 'x', idempotencyKey: '11111111-2222-4333-8444-555555555555' },
  });
}

const group = () => screen.findByRole('radiogroup', { name: 'How will you pay for this visit?' });

async function chooseInsurer(user: UserEvent, name: RegExp | string, label = 'Insurance company') {
  const box = screen.getByRole('combobox', { name: label });
  await user.clear(box);
  await user.type(box, typeof name === 'string' ? name.slice(0, 4) : 'a');
  const list = document.getElementById(box.getAttribute('aria-controls') ?? '');
  await user.click(within(list!).getByRole('option', { name }));
}

describe('the payment step', () => {
  it('comes after the details when the clinic lists insurers or charges, with its own heading and step', async () => {
    const api = paymentApi();
    // (A walk-in: an appointment asks its details on the review, times first; its payment step follows them there.)
    const { user, router } = renderRoute('/book/walkin/details', { api });
    await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Paying for your visit' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/book/walkin/payment');
    const steps = within(screen.getByRole('navigation', { name: 'Booking steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual(['✓Details (completed)', '2Payment', '3Waiting room']);
    const choices = within(await group()).getAllByRole('radio');
    expect(choices.map((r) => r.getAttribute('value'))).toEqual(['insurance', 'self_pay', 'not_sure']);
    expect(choices.every((r) => !(r as HTMLInputElement).checked)).toBe(true);
  });

  it('is skipped when the clinic neither lists insurers nor charges', async () => {
    const api = installFakeApi({ session: mayaSession, payment: { insurers: [], price: { amount: 0, currency: 'USD' } } });
    const { user, router } = renderRoute('/book/walkin/details', { api });
    await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    await screen.findByRole('heading', { level: 1, name: /in the queue/ }, { timeout: 5000 });
    expect(router.state.location.pathname).toMatch(/^\/waiting-room\//);
    expect(api.callsTo('POST /api/payment')).toHaveLength(0);
  });

  it('says what the visit costs for "I’ll pay myself", and saves the choice', async () => {
    const { user, api, router } = atPaymentStep('appointment');
    const selfPay = within(await group()).getByRole('radio', { name: 'I’ll pay myself' });
    expect(selfPay).toHaveAccessibleDescription('This visit costs $45.00.');
    await user.click(selfPay);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: /Choose a time/ }, { timeout: 5000 });
    expect(router.state.location.pathname).toBe('/book/appointment/time');
    expect(api.callsTo('POST /api/payment').map((c) => c.body)).toEqual([{ method: 'self_pay' }]);
  });

  it('says "No charge" for a free visit', async () => {
    atPaymentStep('appointment', paymentApi({ payment: { ...riverbendPayment, price: { amount: 0, currency: 'USD' } } }));
    expect(within(await group()).getByRole('radio', { name: 'I’ll pay myself' })).toHaveAccessibleDescription('No charge');
  });

  it('"I’m not sure" never blocks: the walk-in is joined right after', async () => {
    const { user, api, router } = atPaymentStep('walkin');
    await user.click(within(await group()).getByRole('radio', { name: 'I’m not sure' }));
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    await vi.waitFor(() => expect(router.state.location.pathname).toMatch(/^\/waiting-room\//));
    expect(api.callsTo('POST /api/payment').map((c) => c.body)).toEqual([{ method: 'not_sure' }]);
    expect(api.callsTo('POST /api/walkins')[0]?.headers.get('Idempotency-Key')).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('insurance: picks the company from the clinic’s list by keyboard, and sends member ID, group and holder', async () => {
    const { user, api } = atPaymentStep('econsult', paymentApi({ clinic: econsultClinic }));
    await user.click(within(await group()).getByRole('radio', { name: 'Insurance' }));

    const box = screen.getByRole('combobox', { name: 'Insurance company' });
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await user.click(box);
    await user.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await user.type(box, 'an');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    const list = screen.getByRole('listbox', { name: 'Insurance companies' });
    // "an" is in ANTHEM BLUE SHIELD and CIGNA HEALTH CARE… and in "isn’t listed"? No: that is always offered last.
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['ANTHEM BLUE SHIELD', 'My insurance isn’t listed']);
    expect(screen.getByText('2 choices')).toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    const active = box.getAttribute('aria-activedescendant');
    expect(active && document.getElementById(active)).toHaveTextContent('ANTHEM BLUE SHIELD');
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('ANTHEM BLUE SHIELD');
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(screen.getByLabelText('Member ID'), 'ANT-77-1234');
    await user.type(screen.getByLabelText('Group number (optional)'), 'G 9');
    await user.click(within(screen.getByRole('radiogroup', { name: 'Who holds this insurance?' })).getByRole('radio', { name: 'My parent' }));
    await user.type(screen.getByLabelText('Their first name'), 'Ngozi');
    await user.type(screen.getByLabelText('Their last name'), 'Okafor');
    await user.type(screen.getByLabelText('Their date of birth'), '1960-03-04');
    await user.click(screen.getByRole('checkbox', { name: 'I have a second insurance' }));
    await chooseInsurer(user, 'AETNA', 'Second insurance company');
    await user.type(screen.getByLabelText('Second member ID'), 'W2');
    await user.click(screen.getByRole('button', { name: 'Send my question' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'E-consult sent' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/payment').map((c) => c.body)).toEqual([
      {
        method: 'insurance',
        primary: { insurerId: 'car11406', memberId: 'ANT-77-1234', groupNumber: 'G 9' },
        holder: { relation: 'child', firstName: 'Ngozi', lastName: 'Okafor', dob: '1960-03-04' },
        secondary: { insurerId: 'car7551', memberId: 'W2' },
      },
    ]);
    expect(api.callsTo('POST /api/econsults')).toHaveLength(1);
  });

  it('"My insurance isn’t listed" asks for nothing more and says the clinic will check', async () => {
    const { user, api } = atPaymentStep('appointment');
    await user.click(within(await group()).getByRole('radio', { name: 'Insurance' }));
    await chooseInsurer(user, 'My insurance isn’t listed');
    expect(screen.getByText('The clinic will check your insurance with you. Nothing stops your visit.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Member ID')).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Who holds this insurance?' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: /Choose a time/ }, { timeout: 5000 });
    expect(api.callsTo('POST /api/payment').map((c) => c.body)).toEqual([{ method: 'insurance', primary: { insurerId: null }, holder: { relation: 'self' } }]);
  });

  it('shows each problem beside its field, focuses the first, and sends nothing', async () => {
    const { user, api } = atPaymentStep('appointment');
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    const first = within(await group()).getAllByRole('radio')[0]!;
    await vi.waitFor(() => expect(first).toHaveFocus());
    expect(await group()).toHaveAccessibleDescription('Error: Choose how you will pay for this visit');

    await user.click(within(await group()).getByRole('radio', { name: 'Insurance' }));
    await user.click(within(screen.getByRole('radiogroup', { name: 'Who holds this insurance?' })).getByRole('radio', { name: 'Someone else' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const company = screen.getByRole('combobox', { name: 'Insurance company' });
    await vi.waitFor(() => expect(company).toHaveFocus());
    expect(company).toHaveAccessibleDescription(/Error: Choose your insurance company, or “My insurance isn’t listed”/);
    await chooseInsurer(user, 'CIGNA HEALTH CARE');
    await user.type(screen.getByLabelText('Member ID'), 'bad<id>');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Member ID')).toHaveFocus());
    expect(screen.getByLabelText('Member ID')).toHaveAccessibleDescription(/Error: Use only the letters and digits on your card/);
    expect(screen.getByLabelText('Their first name')).toHaveAccessibleDescription('Error: Enter the first name of the person who holds the insurance');
    expect(screen.getByLabelText('Their date of birth')).toHaveAccessibleDescription('Error: Enter the date of birth of the person who holds the insurance');
    expect(api.callsTo('POST /api/payment')).toHaveLength(0);
  });

  it('keeps every answer when saving fails, says why, and sends the same again', async () => {
    const api = paymentApi();
    api.fail('POST /api/payment', { status: 502, code: 'upstream_unavailable', message: 'The clinic’s system is not answering right now.' }, { times: 1 });
    const { user, router } = atPaymentStep('appointment', api);
    await user.click(within(await group()).getByRole('radio', { name: 'Insurance' }));
    await chooseInsurer(user, 'AETNA');
    await user.type(screen.getByLabelText('Member ID'), 'A12345');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not save how you will pay');
    expect(alert).toHaveTextContent('not answering');
    expect(screen.getByRole('combobox', { name: 'Insurance company' })).toHaveValue('AETNA');
    expect(screen.getByLabelText('Member ID')).toHaveValue('A12345');
    expect(screen.getByRole('radio', { name: 'Insurance' })).toBeChecked();
    // Pressed again, it goes through with the same answers.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 1, name: /Choose a time/ }, { timeout: 5000 });
    expect(router.state.location.pathname).toBe('/book/appointment/time');
    const sent = api.callsTo('POST /api/payment').map((c) => c.body);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('puts a server field error beside its field', async () => {
    const api = paymentApi();
    api.fail('POST /api/payment', { status: 400, code: 'bad_request', message: 'Some details need another look.', fields: { 'primary.memberId': 'member_number' } }, { times: 1 });
    const { user } = atPaymentStep('appointment', api);
    await user.click(within(await group()).getByRole('radio', { name: 'Insurance' }));
    await chooseInsurer(user, 'AETNA');
    await user.type(screen.getByLabelText('Member ID'), 'A12345');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Member ID')).toHaveFocus());
    expect(screen.getByLabelText('Member ID')).toHaveAccessibleDescription(/Error: Use only the letters and digits on your card/);
    expect(screen.getByRole('alert')).toHaveTextContent('Check the fields marked with an error');
  });

  it('speaks Spanish, errors included', async () => {
    await setLanguage('es');
    const { user } = atPaymentStep('appointment');
    const es = await screen.findByRole('radiogroup', { name: '¿Cómo pagará esta consulta?' });
    expect(within(es).getByRole('radio', { name: 'Pagaré yo' })).toHaveAccessibleDescription('Esta consulta cuesta US$45.00.'.replace('US$45.00', new Intl.NumberFormat('es-US', { style: 'currency', currency: 'USD' }).format(45)));
    expect(within(es).getByRole('radio', { name: 'No estoy seguro' })).toBeInTheDocument();
    await user.click(within(es).getByRole('radio', { name: 'Seguro médico' }));
    await user.click(screen.getByRole('button', { name: 'Continuar' }));
    const company = screen.getByRole('combobox', { name: 'Compañía de seguro' });
    await vi.waitFor(() => expect(company).toHaveFocus());
    expect(company).toHaveAccessibleDescription(/Elija su compañía de seguro/);
    await chooseInsurer(user, 'Mi seguro no aparece en la lista', 'Compañía de seguro');
    expect(screen.getByText(/La clínica revisará su seguro con usted/)).toBeInTheDocument();
  });
});

describe('the coverage state after the payment step', () => {
  it('review: "Checking your coverage…", then the result by itself, member ID only as its last 4', async () => {
    const api = paymentApi();
    api.coverage = {
      method: 'insurance',
      price: riverbendPayment.price,
      cards: [{ order: 'primary', insurer: 'AETNA', memberIdLast4: '2345', state: 'checking' }],
    };
    vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
    renderRoute('/book/appointment/review', {
      api,
      user: { advanceTimers: vi.advanceTimersByTime.bind(vi) },
      flow: { kind: 'appointment', intakeId: 'intake-1', idempotencyKey: 'k-1', slot: slotAt('2026-11-24T17:00:00.000Z'), paymentStep: true },
    });
    const section = await screen.findByRole('region', { name: 'Payment' });
    expect(within(section).getByText('AETNA, member ID ending in 2345')).toBeInTheDocument();
    expect(within(section).getByRole('status')).toHaveTextContent('Checking your coverage…');
    expect(section).not.toHaveTextContent('12345');

    api.coverage = { ...api.coverage, cards: [{ ...api.coverage.cards[0]!, state: 'active' }] };
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4100);
    });
    await vi.waitFor(() => expect(within(section).getByRole('status')).toHaveTextContent('Your insurance is active'));
    // Settled: no more asking.
    const asked = api.callsTo('GET /api/coverage').length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(api.callsTo('GET /api/coverage')).toHaveLength(asked);
  });

  it.each([
    ['inactive', 'Your insurance is not active — the clinic will contact you'],
    ['unknown', 'We couldn’t confirm your coverage — you can still have your visit'],
    ['not_checked', 'The clinic will check your insurance with you'],
  ] as const)('waiting room: %s', async (state, words) => {
    const api = paymentApi({ visits: [{ id: '77', kind: 'walkin', modality: 'video', status: 'pending', start: NOW.toISOString(), end: NOW.toISOString(), provider: null }] });
    api.coverage = { method: 'insurance', price: null, cards: [{ order: 'primary', insurer: state === 'not_checked' ? null : 'AETNA', memberIdLast4: state === 'not_checked' ? null : '0001', state }] };
    renderRoute('/waiting-room/77', { api });
    const section = await screen.findByRole('region', { name: 'Payment' });
    expect(within(section).getByRole('status')).toHaveTextContent(words);
  });

  it('confirmation: self-pay with its price; nothing at all when no choice was made', async () => {
    const api = paymentApi({ visits: [{ id: '4821', kind: 'appointment', modality: 'video', status: 'confirmed', start: '2026-11-24T17:00:00.000Z', end: '2026-11-24T17:30:00.000Z', provider: { name: 'Dr. Lena Ortiz' } }] });
    api.coverage = { method: 'self_pay', price: { amount: 45, currency: 'USD' }, cards: [] };
    const first = renderRoute('/visits/4821', { api, state: { booked: true } });
    expect(await screen.findByRole('region', { name: 'Payment' })).toHaveTextContent('You will pay for this visit yourself: $45.00.');
    first.unmount();
    api.coverage = { method: null, cards: [], price: null };
    renderRoute('/visits/4821', { api, state: { booked: true } });
    await screen.findByRole('heading', { level: 1 });
    await vi.waitFor(() => expect(api.callsTo('GET /api/coverage').length).toBeGreaterThanOrEqual(2));
    expect(screen.queryByRole('region', { name: 'Payment' })).not.toBeInTheDocument();
  });
});
