import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeApi, maya, mayaSession, riverbend, slotAt } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

async function fillDetails(user: UserEvent) {
  await user.type(await screen.findByLabelText('First name'), maya.firstName);
  await user.type(screen.getByLabelText('Last name'), maya.lastName);
  await user.type(screen.getByLabelText('Date of birth'), maya.dob);
  await user.type(screen.getByLabelText('Email'), maya.email);
  await user.type(screen.getByLabelText('Phone'), maya.phone);
  // An appointment asked where on its first step (times first); walk-ins ask it here.
  const state = screen.queryByLabelText('State');
  if (state) await user.selectOptions(state, maya.stateName);
  await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
  await user.click(screen.getByRole('checkbox', { name: /consent/ }));
}

/** One open time, two days from now on a whole hour. */
const SLOT = slotAt(new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000).toISOString());
const fakeApi = (seed: Parameters<typeof installFakeApi>[0] = {}) => installFakeApi({ slots: [SLOT], ...seed });

/** An appointment's first step (where) and a time, up to the review that asks who and why. */
async function toReview(user: UserEvent) {
  await user.selectOptions(await screen.findByLabelText('State'), maya.stateName);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { level: 1, name: 'Choose a time' });
  const [first] = await within(await screen.findByRole('radiogroup')).findAllByRole('radio');
  await user.click(first!);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('intake (details) page', () => {
  it('labels every field and starts the state list with an empty choice', async () => {
    const { user } = renderRoute('/book/appointment/details', { api: fakeApi() });

    // Times first: the first step asks only where the patient is.
    expect(await screen.findByRole('heading', { level: 1, name: 'Book an appointment' })).toBeInTheDocument();
    const state = screen.getByRole('combobox', { name: 'State' });
    const options = within(state).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Choose a state');
    expect(options[0]).toHaveValue('');
    expect(within(state).getByRole('option', { name: 'California' })).toHaveValue('CA');
    expect(within(state).getByRole('option', { name: 'Puerto Rico' })).toBeInTheDocument();
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Reason for visit')).not.toBeInTheDocument();

    await toReview(user);
    expect(await screen.findByLabelText('First name')).toHaveAttribute('autocomplete', 'given-name');
    expect(screen.getByLabelText('Last name')).toBeInTheDocument();
    expect(screen.getByLabelText('Date of birth')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('Email')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Phone')).toHaveAttribute('type', 'tel');
    expect(screen.getByLabelText('Reason for visit').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('checkbox', { name: /consent/ })).not.toBeChecked();
    // Asked once, on the first step.
    expect(screen.queryByLabelText('State')).not.toBeInTheDocument();
  });

  it('shows each problem beside its field and focuses the first one when sent empty', async () => {
    const api = fakeApi();
    const { user } = renderRoute('/book/walkin/details', { api });

    await user.click(await screen.findByRole('button', { name: 'Join the queue' }));

    const firstName = screen.getByLabelText('First name');
    expect(firstName).toHaveFocus();
    expect(firstName).toHaveAttribute('aria-invalid', 'true');
    expect(firstName).toHaveAccessibleDescription(/Enter your first name/);
    expect(screen.getByLabelText('Date of birth')).toHaveAccessibleDescription(/Enter your date of birth/);
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter your email address/);
    expect(screen.getByLabelText('State')).toHaveAccessibleDescription(/Choose the state you are in now/);
    expect(screen.getByLabelText('Reason for visit')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('checkbox', { name: /consent/ })).toHaveAccessibleDescription(/Tick this box to agree/);
    // Phone is optional.
    expect(screen.getByLabelText('Phone')).not.toHaveAttribute('aria-invalid');
    expect(api.calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('shows times before sign-in, then starts a guest session and an intake on the review, checks the time again and books', async () => {
    const api = fakeApi();
    const { user, router } = renderRoute('/book/appointment/details', { api });

    await toReview(user);
    // The times came before anyone signed in.
    expect(api.callsTo('GET /api/clinic/availability').length).toBeGreaterThan(0);
    expect(api.callsTo('POST /api/session/guest')).toHaveLength(0);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toHaveFocus();
    const [guest] = api.callsTo('POST /api/session/guest');
    expect(guest?.body).toEqual({
      firstName: maya.firstName,
      lastName: maya.lastName,
      dob: maya.dob,
      email: maya.email,
      phone: maya.phone,
    });
    expect(guest?.headers.get('X-Frontdesk')).toBe('1');
    const [intake] = api.callsTo('POST /api/intakes');
    expect(intake?.body).toEqual({ kind: 'appointment', reason: maya.reason, state: 'CA', phone: maya.phone });
    expect(intake?.headers.get('Content-Type')).toBe('application/json');
    // The chosen time was checked against the intake before it was booked.
    const intakeId = [...api.intakes.keys()][0];
    expect(api.callsTo('GET /api/availability').some((call) => call.query.get('intakeId') === intakeId)).toBe(true);
    expect(api.callsTo('POST /api/appointments')).toHaveLength(1);

    // Nothing the patient typed travels in the address or in history state.
    const { pathname, search, hash, state } = router.state.location;
    expect(pathname).toBe(`/visits/${[...api.visits.keys()][0]}`);
    const travelled = JSON.stringify({ pathname, search, hash, state });
    for (const secret of [maya.firstName, maya.lastName, maya.dob, maya.email, maya.phone, maya.reason]) {
      expect(travelled).not.toContain(secret);
    }
  });

  it('joins the walk-in queue with an Idempotency-Key and opens the waiting room', async () => {
    const api = fakeApi();
    const { user, router } = renderRoute('/book/walkin/details', { api });

    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();
    const [intake] = api.callsTo('POST /api/intakes');
    expect(intake?.body).toMatchObject({ kind: 'walkin' });
    const [walkin] = api.callsTo('POST /api/walkins');
    expect(walkin?.headers.get('Idempotency-Key')).toMatch(UUID);
    expect(walkin?.headers.get('X-Frontdesk')).toBe('1');
    expect(walkin?.body).toEqual({ intakeId: [...api.intakes.keys()][0] });
    const [visitId] = [...api.visits.keys()];
    expect(router.state.location.pathname).toBe(`/waiting-room/${visitId}`);
  });

  it('retries a failed queue join with the same Idempotency-Key and without a second intake', async () => {
    const api = fakeApi();
    api.fail('POST /api/walkins', { status: 502, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 1 });
    const { user } = renderRoute('/book/walkin/details', { api });

    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The clinic is not answering.');

    await user.click(screen.getByRole('button', { name: 'Join the queue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You are in the queue' })).toBeInTheDocument();

    expect(api.callsTo('POST /api/session/guest')).toHaveLength(1);
    expect(api.callsTo('POST /api/intakes')).toHaveLength(1);
    const keys = api.callsTo('POST /api/walkins').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
  });

  it('checks what was typed with the contract’s rules, not only that it is there', async () => {
    const { user } = renderRoute('/book/appointment/details', { api: fakeApi() });

    await toReview(user);
    await user.type(await screen.findByLabelText('Email'), 'maya-at-example');
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter an email address like name@example.com/);
    expect(screen.getByLabelText('Phone')).toHaveAccessibleDescription(/Enter a phone number/);
  });

  it('puts the server’s field errors back on the fields, said by their codes', async () => {
    const api = fakeApi();
    api.fail(
      'POST /api/session/guest',
      { status: 400, code: 'bad_request', message: 'Some details need fixing.', fields: { email: 'invalid', firstName: 'too_long' } },
      { times: 1 },
    );
    const { user } = renderRoute('/book/appointment/details', { api });

    await toReview(user);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    const email = screen.getByLabelText('Email');
    expect(await screen.findByText('Check your email address')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(/Check your email address/);
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription(/At most 64 characters/);
    expect(screen.getByLabelText('First name')).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Some details need fixing.');
    expect(api.callsTo('POST /api/intakes')).toHaveLength(0);
  });

  it('keeps everything typed when the server fails, and sends it again on retry', async () => {
    const api = fakeApi();
    api.fail('POST /api/intakes', { status: 500, code: 'internal', message: 'Something went wrong on our side.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/details', { api });

    await toReview(user);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
    expect(screen.getByLabelText('First name')).toHaveValue(maya.firstName);
    expect(screen.getByLabelText('Last name')).toHaveValue(maya.lastName);
    expect(screen.getByLabelText('Date of birth')).toHaveValue(maya.dob);
    expect(screen.getByLabelText('Email')).toHaveValue(maya.email);
    expect(screen.getByLabelText('Phone')).toHaveValue(maya.phone);
    expect(screen.getByLabelText('Reason for visit')).toHaveValue(maya.reason);
    expect(screen.getByRole('checkbox', { name: /consent/ })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    // The guest session from the first try is reused, not made twice.
    expect(api.callsTo('POST /api/session/guest')).toHaveLength(1);
    expect(api.callsTo('POST /api/intakes')).toHaveLength(2);
  });

  it('keeps the input and explains when the network is down', async () => {
    const api = fakeApi();
    api.fail('POST /api/session/guest', 'network');
    const { user } = renderRoute('/book/appointment/details', { api });

    await toReview(user);
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/could not reach the clinic/i);
    expect(screen.getByLabelText('Reason for visit')).toHaveValue(maya.reason);
  });

  it('never reuses an intake from before a new guest session', async () => {
    const api = fakeApi();
    // An intake with exactly these details is still in this tab's memory from an earlier session.
    const earlier = { kind: 'appointment', reason: maya.reason, state: 'CA', phone: maya.phone };
    const flow = { kind: 'appointment' as const, intakeId: 'seeded-old', intakeSignature: JSON.stringify(earlier), area: 'CA' };
    const { user } = renderRoute('/book/appointment/details', { api, flow });

    await toReview(user);
    // Nobody is signed in: the details are asked, whatever intake the tab remembers.
    await fillDetails(user);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    expect(api.callsTo('POST /api/intakes')).toHaveLength(1);
    expect(api.callsTo('POST /api/appointments')[0]?.body).not.toMatchObject({ intakeId: 'seeded-old' });
  });

  it('does not ask a signed-in patient who they are again', async () => {
    const api = fakeApi({ session: mayaSession });
    const { user } = renderRoute('/book/appointment/details', { api });

    expect(await screen.findByText(/You are booking as/)).toHaveTextContent('You are booking as Maya Reyes.');
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();

    await toReview(user);
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason for visit'), maya.reason);
    await user.click(screen.getByRole('checkbox', { name: /consent/ }));
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/session/guest')).toHaveLength(0);
    expect(api.callsTo('POST /api/intakes')[0]?.body).toEqual({ kind: 'appointment', reason: maya.reason, state: 'CA' });
  });

  it('lets someone else start over from a signed-in browser', async () => {
    const api = fakeApi({ session: mayaSession });
    const { user } = renderRoute('/book/walkin/details', { api });

    await user.click(await screen.findByRole('button', { name: 'Not you? Start over' }));

    expect(await screen.findByLabelText('First name')).toHaveFocus();
    expect(api.callsTo('DELETE /api/session')).toHaveLength(1);
    expect(api.callsTo('DELETE /api/session')[0]?.headers.get('X-Frontdesk')).toBe('1');
  });

  it('asks to sign in on the health system’s site when the clinic takes no guests', async () => {
    const api = fakeApi({ session: null, clinic: { ...riverbend, guestBooking: false } });
    renderRoute('/book/walkin/details', { api });

    const notice = await screen.findByText("To book, please sign in on your health system's website first.");
    expect(notice.closest('[role="status"]')).toHaveTextContent('Sign in to book');
    expect(screen.getByRole('heading', { level: 1, name: 'Your details' })).toBeInTheDocument();
    // Nothing to fill in or send.
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Reason for visit')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Join the queue' })).not.toBeInTheDocument();
    expect(api.calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('books as usual for a signed-in patient when the clinic takes no guests', async () => {
    renderRoute('/book/appointment/details', {
      api: fakeApi({ session: mayaSession, clinic: { ...riverbend, guestBooking: false } }),
    });

    expect(await screen.findByText(/You are booking as/)).toHaveTextContent('You are booking as Maya Reyes.');
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
    expect(screen.queryByText(/please sign in on your health system/)).not.toBeInTheDocument();
  });

  it.each([
    ['appointment', ['Details', 'Time', 'Review', 'Done']],
    ['walkin', ['Details', 'Waiting room']],
    ['econsult', ['Details', 'Sent']],
  ])('says to call 911 in an emergency and shows the %s steps, details first', async (kind, names) => {
    renderRoute(`/book/${kind}/details`, { api: fakeApi({ clinic: { ...riverbend, econsultEnabled: true } }) });
    await screen.findByLabelText('State');

    expect(screen.getByText('If this is an emergency, call 911.')).toBeInTheDocument();
    const steps = within(screen.getByRole('navigation', { name: 'Booking steps' })).getAllByRole('listitem');
    expect(steps.map((step) => step.querySelector('.step-label')?.textContent)).toEqual(names);
    expect(steps.map((step) => step.getAttribute('aria-current'))).toEqual(['step', ...names.slice(1).map(() => null)]);
  });

  it('shows "Page not found" for a booking kind it does not know', async () => {
    renderRoute('/book/teleport/details', { api: fakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });
});
