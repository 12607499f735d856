import { act, screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WIDE_SCREEN } from '../../../../src/lib/use-media-query';
import { installFakeApi, mayaSession, riverbend, slotAt } from '../../../support/fake-api';
import { renderRoute } from '../../../support/render';

// Monday, November 23, 2026, noon in Los Angeles (the test timezone); Pacific Standard Time.
const NOW = new Date('2026-11-23T20:00:00.000Z');
const TUE_9AM = slotAt('2026-11-24T17:00:00.000Z');
const TUE_930AM = slotAt('2026-11-24T17:30:00.000Z', 30, ['prov-chen']);
const WED_2PM = slotAt('2026-11-25T22:00:00.000Z');
const THU_10AM = slotAt('2026-11-26T18:00:00.000Z');
// In the flow as if the patient had just sent their details.
// (Times first: the place from the first step; the intake, as if the review had made it.)
const flow = { kind: 'appointment' as const, area: 'CA', intakeId: 'seeded-intake-1', intakeSignature: '{}' };

beforeEach(() => {
  // Only Date is faked: timers stay real so Testing Library and React Query behave normally.
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A window.matchMedia (jsdom has none) whose two-pane query matches while `wide`; `set` resizes the window. */
function stubWideScreen(initial: boolean) {
  let wide = initial;
  const listeners = new Set<() => void>();
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query === WIDE_SCREEN ? wide : false;
    },
    media: query,
    addEventListener: (_type: 'change', listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: 'change', listener: () => void) => listeners.delete(listener),
  }));
  return {
    set(next: boolean) {
      wide = next;
      for (const listener of listeners) listener();
    },
  };
}

const days = () => screen.getByRole('tablist', { name: 'Dates with open times' });
const times = () => screen.getByRole('radiogroup', { name: /^Times on / });
const findTimes = () => screen.findByRole('radiogroup', { name: /^Times on / });

/** Choose a time by its full spoken name, then go on to the review. */
async function chooseTime(user: UserEvent, name: string) {
  await user.click(await screen.findByRole('radio', { name }));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

/** The time zone control comes after the picker, folded: "Times in Pacific Time · Change". */
async function openZone(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: 'Change the time zone' }));
  return screen.getByRole('combobox', { name: 'Time zone' });
}

describe('slot picker', () => {
  it('asks for the clinic’s open times of the next 28 days and says which timezone it shows, after the times', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    renderRoute('/book/appointment/time', { api, flow });

    await findTimes();
    const [call] = api.callsTo('GET /api/clinic/availability');
    // Before sign-in: no intake in the question (the review checks the time with it).
    expect(call?.query.has('intakeId')).toBe(false);
    expect(call?.query.get('from')).toBe(NOW.toISOString());
    expect(call?.query.get('to')).toBe('2026-12-21T20:00:00.000Z');
    const zoneLine = screen.getByText('Times in Pacific Time');
    expect(zoneLine).toBeInTheDocument();
    // After the picker in the page (and so in the Tab order).
    expect(times().compareDocumentPosition(zoneLine) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('30-minute video appointment')).toBeInTheDocument();
  });

  it('shows the day’s times as one radio group, each named with its full date, time and zone', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [WED_2PM, TUE_930AM, TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await findTimes();
    const radios = within(times()).getAllByRole('radio');
    expect(radios.map((b) => b.textContent)).toEqual(['9:00 AM', '9:30 AM']);
    expect(radios[0]).toHaveAccessibleName('Tuesday, November 24, 9:00 AM Pacific Time');
    expect(within(times()).getByRole('group', { name: 'Morning' })).toContainElement(radios[1]!);

    const tuesday = within(days()).getByRole('tab', { name: 'Tuesday, November 24 (2 times)' });
    expect(tuesday).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Tuesday, November 24 (2 times)' })).toContainElement(times());
    await user.click(within(days()).getByRole('tab', { name: 'Wednesday, November 25 (1 time)', selected: false }));

    expect(tuesday).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('heading', { level: 2, name: 'Times on Wednesday, November 25' })).toBeInTheDocument();
    expect(within(times()).getByRole('radio', { name: 'Wednesday, November 25, 2:00 PM Pacific Time' })).toHaveTextContent('2:00 PM');
    expect(within(times()).getByRole('group', { name: 'Afternoon' })).toBeInTheDocument();
  });

  it('offers the first available time in one tap', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [WED_2PM, TUE_930AM, TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();
    await user.click(within(days()).getByRole('tab', { name: /^Wednesday/ }));

    const first = screen.getByRole('button', { name: /^First available/ });
    expect(first).toHaveTextContent('Tuesday, November 24, 9:00 AM Pacific Time');
    await user.click(first);
    expect(first).toHaveAttribute('aria-pressed', 'true');
    expect(within(days()).getByRole('tab', { selected: true })).toHaveAccessibleName('Tuesday, November 24 (2 times)');
    expect(within(times()).getByRole('radio', { name: /9:00 AM/ })).toHaveAttribute('aria-checked', 'true');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toBeInTheDocument();
  });

  it('from the first day to Continue by keyboard: arrows pick, two Tab presses', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, WED_2PM, THU_10AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();
    const tab = (name: string) => within(days()).getByRole('tab', { name: new RegExp(`^${name}`) });

    // Roving tabindex: only the selected day is in the Tab order.
    expect(tab('Tuesday').tabIndex).toBe(0);
    expect(tab('Wednesday').tabIndex).toBe(-1);

    tab('Tuesday').focus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Wednesday')).toHaveFocus();
    expect(tab('Wednesday')).toHaveAttribute('aria-selected', 'true');
    expect(within(times()).getByRole('radio')).toHaveAccessibleName('Wednesday, November 25, 2:00 PM Pacific Time');
    await user.keyboard('{End}');
    expect(tab('Thursday')).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Tuesday')).toHaveFocus();
    await user.keyboard('{ArrowRight}');

    await user.tab();
    const radio = within(times()).getByRole('radio');
    expect(radio).toHaveFocus();
    await user.keyboard(' ');
    expect(radio).toHaveAttribute('aria-checked', 'true');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toHaveFocus();
  });

  it('keeps keyboard focus when the window is resized across the two-pane width (a turned tablet, a zoomed page)', async () => {
    const screenWidth = stubWideScreen(true);
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, WED_2PM, THU_10AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();
    // Wide: a month calendar, no strip.
    const tuesday = screen.getByRole('button', { name: 'Tuesday, November 24' });
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();

    // A time chosen by keyboard keeps focus through both switches, and Tab still goes to Continue.
    tuesday.focus();
    await user.tab(); // First available
    await user.tab();
    const nine = within(times()).getByRole('radio', { name: 'Tuesday, November 24, 9:00 AM Pacific Time' });
    expect(nine).toHaveFocus();
    await user.keyboard(' ');
    act(() => screenWidth.set(false));
    expect(days()).toBeInTheDocument();
    expect(nine).toHaveFocus();
    act(() => screenWidth.set(true));
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
    expect(nine).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();

    // A focused day is a different control in each layout: focus goes to the chosen day's.
    screen.getByRole('button', { name: 'Tuesday, November 24', pressed: true }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Wednesday, November 25' })).toHaveFocus();
    act(() => screenWidth.set(false));
    expect(within(days()).getByRole('tab', { name: /^Wednesday/ })).toHaveFocus();
    act(() => screenWidth.set(true));
    expect(screen.getByRole('button', { name: 'Wednesday, November 25', pressed: true })).toHaveFocus();
  });

  it('says the chosen time aloud, and goes on only with Continue', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    const { user, router } = renderRoute('/book/appointment/time', { api, flow });

    await findTimes();
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();

    const nineThirty = screen.getByRole('radio', { name: 'Tuesday, November 24, 9:30 AM Pacific Time' });
    await user.click(nineThirty);
    expect(nineThirty).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: 'Tuesday, November 24, 9:00 AM Pacific Time' })).toHaveAttribute('aria-checked', 'false');
    const status = screen.getAllByRole('status').find((region) => region.classList.contains('choice-bar-text'));
    expect(status).toHaveTextContent('Selected: Tuesday, November 24, 9:30 AM Pacific Time');
    expect(router.state.location.pathname).toBe('/book/appointment/time');

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toHaveFocus();
  });

  it('keeps the time chosen before when the patient comes back to change it', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, WED_2PM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await user.click(await screen.findByRole('tab', { name: /^Wednesday/ }));
    await chooseTime(user, 'Wednesday, November 25, 2:00 PM Pacific Time');
    await user.click(await screen.findByRole('link', { name: 'Choose a different time' }));

    const wednesday = await screen.findByRole('radio', { name: 'Wednesday, November 25, 2:00 PM Pacific Time' });
    expect(wednesday).toHaveAttribute('aria-checked', 'true');
    expect(within(days()).getByRole('tab', { selected: true })).toHaveAccessibleName('Wednesday, November 25 (1 time)');
  });

  it('shows the times in the zone the patient picks, for the rest of the visit, and says the clinic’s zone', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, WED_2PM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();

    expect(screen.queryByRole('combobox', { name: 'Time zone' })).not.toBeInTheDocument();
    const zone = await openZone(user);
    expect(zone).toHaveValue('America/Los_Angeles');
    const options = within(zone).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual([
      'Eastern Time – New York',
      'Central Time – Chicago',
      'Mountain Time – Denver',
      'Mountain Standard Time – Phoenix',
      'Pacific Time – Los Angeles (this device)',
      'Alaska Time – Anchorage',
      'Hawaii-Aleutian Standard Time – Honolulu',
    ]);

    await user.selectOptions(zone, 'America/New_York');
    expect(screen.getByText('The clinic is in Pacific Time; times are shown in your time zone, Eastern Time.')).toBeInTheDocument();
    expect(screen.getByText('Times in Eastern Time')).toBeInTheDocument();
    expect(within(times()).getAllByRole('radio').map((b) => b.textContent)).toEqual(['12:00 PM']);
    expect(within(times()).getByRole('radio')).toHaveAccessibleName('Tuesday, November 24, 12:00 PM Eastern Time');

    await chooseTime(user, 'Tuesday, November 24, 12:00 PM Eastern Time');
    // The review page shows the same zone as one line after the details, and can change it too.
    expect(await screen.findByText('12:00 PM to 12:30 PM Eastern Time')).toBeInTheDocument();
    expect(screen.getByText('Times in Eastern Time')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Time zone' })).not.toBeInTheDocument();
    expect(await openZone(user)).toHaveValue('America/New_York');
  });

  it('offers the device’s and the clinic’s zones when they are not common US ones', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, timezone: 'America/Puerto_Rico' }, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();

    const zone = await openZone(user);
    expect(screen.getByText('The clinic is in Atlantic Standard Time; times are shown in your time zone, Pacific Time.')).toBeInTheDocument();
    expect(within(zone).getByRole('option', { name: 'Atlantic Standard Time – Puerto Rico' })).toBeInTheDocument();
  });

  it('groups by the local day and keeps the clock right across the end of daylight saving time', async () => {
    // Daylight saving time ends in Los Angeles at 2 AM on Sunday, November 1, 2026 (PDT, UTC−7 → PST, UTC−8).
    vi.setSystemTime(new Date('2026-10-30T19:00:00.000Z'));
    const slots = [
      slotAt('2026-10-31T16:00:00.000Z'), // Saturday 9:00 AM PDT
      slotAt('2026-11-01T06:30:00.000Z'), // Saturday 11:30 PM PDT: still Saturday
      slotAt('2026-11-01T08:30:00.000Z'), // Sunday 1:30 AM PDT
      slotAt('2026-11-01T09:30:00.000Z'), // Sunday 1:30 AM PST: the same clock time, an hour later
      slotAt('2026-11-01T17:00:00.000Z'), // Sunday 9:00 AM PST
      slotAt('2026-11-02T17:00:00.000Z'), // Monday 9:00 AM PST
    ];
    const api = installFakeApi({ session: mayaSession, slots });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();

    const tabNames = () => within(days()).getAllByRole('tab').map((tab) => tab.getAttribute('aria-label'));
    expect(tabNames()).toEqual(['Saturday, October 31 (2 times)', 'Sunday, November 1 (3 times)', 'Monday, November 2 (1 time)']);
    expect(within(times()).getAllByRole('radio').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Saturday, October 31, 9:00 AM Pacific Time',
      'Saturday, October 31, 11:30 PM Pacific Time',
    ]);

    await user.click(within(days()).getByRole('tab', { name: /^Sunday/ }));
    // The repeated hour is told apart by the specific names.
    expect(within(times()).getAllByRole('radio').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Sunday, November 1, 1:30 AM Pacific Daylight Time',
      'Sunday, November 1, 1:30 AM Pacific Standard Time',
      'Sunday, November 1, 9:00 AM Pacific Time',
    ]);

    await user.click(within(days()).getByRole('tab', { name: /^Monday/ }));
    expect(within(times()).getByRole('radio')).toHaveAccessibleName('Monday, November 2, 9:00 AM Pacific Time');

    // Seen from New York, the same moments fall on other days and hours.
    await user.selectOptions(await openZone(user), 'America/New_York');
    expect(tabNames()).toEqual(['Saturday, October 31 (1 time)', 'Sunday, November 1 (4 times)', 'Monday, November 2 (1 time)']);
    await user.click(within(days()).getByRole('tab', { name: /^Sunday/ }));
    expect(within(times()).getAllByRole('radio').map((b) => b.textContent)).toEqual(['1:30 AM', '3:30 AM', '4:30 AM', '12:00 PM']);
    // Saturday 11:30 PM in Los Angeles is 1:30 AM in New York, in its own repeated hour.
    expect(within(times()).getAllByRole('radio')[0]).toHaveAccessibleName('Sunday, November 1, 1:30 AM Eastern Standard Time');
  });

  it('says so when there are no open times, and offers later dates, the queue and the clinic’s phone', async () => {
    const api = installFakeApi({
      session: mayaSession,
      clinic: { ...riverbend, phone: '+1 (555) 010-2000' },
      // Five weeks out: outside the first range.
      slots: [slotAt('2026-12-29T17:00:00.000Z')],
    });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    expect(await screen.findByText('There are no open times in the next 28 days.')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    const help = screen.getByRole('region', { name: 'Other ways to get care' });
    expect(within(help).getByRole('link', { name: 'See a provider now' })).toHaveAttribute('href', '/book/walkin/details');
    expect(within(help).getByRole('link', { name: '+1 (555) 010-2000' })).toHaveAttribute('href', 'tel:+15550102000');
    expect(within(help).getByRole('link', { name: 'Back to start' })).toHaveAttribute('href', '/');

    await user.click(screen.getByRole('button', { name: 'Show later dates' }));

    expect(await screen.findByRole('radio', { name: 'Tuesday, December 29, 9:00 AM Pacific Time' })).toBeInTheDocument();
    const [, second] = api.callsTo('GET /api/clinic/availability');
    expect(second?.query.get('from')).toBe('2026-12-21T20:00:00.000Z');
    expect(second?.query.get('to')).toBe('2027-01-18T20:00:00.000Z');
    expect(screen.queryByRole('region', { name: 'Other ways to get care' })).not.toBeInTheDocument();
  });

  it('offers no queue when the clinic is closed, and no phone when it has none', async () => {
    const api = installFakeApi({ session: mayaSession, clinic: { ...riverbend, isOpen: false }, slots: [] });
    renderRoute('/book/appointment/time', { api, flow });

    const help = await screen.findByRole('region', { name: 'Other ways to get care' });
    expect(within(help).queryByRole('link', { name: 'See a provider now' })).not.toBeInTheDocument();
    expect(within(help).queryByText(/To talk to someone at the clinic/)).not.toBeInTheDocument();
    expect(within(help).getAllByRole('link').map((link) => link.textContent)).toEqual(['Back to start']);
  });

  it('looks at most twelve weeks ahead', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    for (let window = 1; window < 3; window += 1) {
      await user.click(await screen.findByRole('button', { name: 'Show later dates' }));
      await vi.waitFor(() => expect(api.callsTo('GET /api/clinic/availability')).toHaveLength(window + 1));
    }
    expect(await screen.findByText('There are no open times in the next 84 days.')).toBeInTheDocument();
    expect(api.callsTo('GET /api/clinic/availability').at(-1)?.query.get('to')).toBe('2027-02-15T20:00:00.000Z');
    expect(screen.queryByRole('button', { name: 'Show later dates' })).not.toBeInTheDocument();
  });

  it('shows an error with a retry when times cannot be loaded', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    api.fail('GET /api/clinic/availability', { status: 500, code: 'internal', message: 'Something went wrong on our side.' }, { times: 2 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not load the available times');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await findTimes()).toBeInTheDocument();
  });

  it('sends the patient back to the details page when the flow was lost (a reload)', async () => {
    const { router } = renderRoute('/book/appointment/time', { api: installFakeApi() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Book an appointment' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/book/appointment/details');
    expect(screen.getByText(/Please fill in your details first/)).toBeInTheDocument();
  });

  it('shows on the review the reason the patient gave, the length, and the zone as one line', async () => {
    const details = { kind: 'appointment', reason: 'Sore throat for three days', state: 'CA' };
    renderRoute('/book/appointment/review', {
      api: installFakeApi({ session: mayaSession, slots: [TUE_9AM] }),
      flow: { ...flow, intakeSignature: JSON.stringify(details), slot: TUE_9AM, idempotencyKey: crypto.randomUUID() },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toBeInTheDocument();
    const reason = screen.getByText('Reason for visit');
    expect(reason.nextElementSibling).toHaveTextContent('Sore throat for three days');
    expect(screen.getByText('Length').nextElementSibling).toHaveTextContent('30 minutes');
    expect(screen.getByRole('button', { name: 'Change the time zone' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('books the chosen time after review and shows the confirmation', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    const { user, router } = renderRoute('/book/appointment/time', { api, flow });

    await chooseTime(user, 'Tuesday, November 24, 9:30 AM Pacific Time');

    expect(await screen.findByRole('heading', { level: 1, name: 'Review your appointment' })).toHaveFocus();
    expect(screen.getByText('Tuesday, November 24, 2026')).toBeInTheDocument();
    expect(screen.getByText('9:30 AM to 10:00 AM Pacific Time')).toBeInTheDocument();
    // One word for the visit, its length, and the reason the patient gave.
    expect(screen.getByText('Video appointment')).toBeInTheDocument();
    expect(screen.getByText('30 minutes')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toHaveFocus();
    expect(screen.getByText('Dr. Mei Chen')).toBeInTheDocument();
    const [booking] = api.callsTo('POST /api/appointments');
    expect(booking?.body).toEqual({ intakeId: 'seeded-intake-1', start: TUE_930AM.start, end: TUE_930AM.end });
    expect(booking?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(booking?.headers.get('X-Frontdesk')).toBe('1');
    const [visitId] = [...api.visits.keys()];
    expect(router.state.location.pathname).toBe(`/visits/${visitId}`);
  });

  it('goes back to the times with an explanation when someone else took the slot', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await chooseTime(user, 'Tuesday, November 24, 9:00 AM Pacific Time');
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    // Another patient books 9:00 while Maya is reading the review page.
    api.slots = api.slots.filter((slot) => slot !== TUE_9AM);
    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a time' })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Someone else booked that time a moment ago');
    const list = await findTimes();
    expect(within(list).getAllByRole('radio').map((b) => b.textContent)).toEqual(['9:30 AM']);
    // Nothing stays chosen: the taken time is gone.
    expect(within(list).getByRole('radio')).toHaveAttribute('aria-checked', 'false');
    // The taken time was caught by the check with the intake, before booking; the times were asked again.
    expect(api.callsTo('GET /api/availability')).toHaveLength(1);
    expect(api.callsTo('POST /api/appointments')).toHaveLength(0);
    expect(api.callsTo('GET /api/clinic/availability')).toHaveLength(2);
  });

  it('shows other booking errors on the review page and retries with the same Idempotency-Key', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    api.fail('POST /api/appointments', { status: 503, code: 'upstream_unavailable', message: 'The clinic is not answering.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await chooseTime(user, 'Tuesday, November 24, 9:00 AM Pacific Time');
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not book this time');
    expect(alert).toHaveTextContent('The clinic is not answering.');

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' })).toBeInTheDocument();
    const keys = api.callsTo('POST /api/appointments').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('uses a new Idempotency-Key for a new choice of time', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM, TUE_930AM] });
    api.fail('POST /api/appointments', { status: 503, code: 'upstream_unavailable', message: 'Not now.' }, { times: 1 });
    const { user } = renderRoute('/book/appointment/time', { api, flow });

    await chooseTime(user, 'Tuesday, November 24, 9:00 AM Pacific Time');
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('link', { name: 'Choose a different time' }));
    await chooseTime(user, 'Tuesday, November 24, 9:30 AM Pacific Time');
    await user.click(await screen.findByRole('button', { name: 'Confirm appointment' }));

    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    const keys = api.callsTo('POST /api/appointments').map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  });
});

describe('booking steps', () => {
  it('shows where the patient is, from details to done', async () => {
    const api = installFakeApi({ session: mayaSession, slots: [TUE_9AM] });
    const { user } = renderRoute('/book/appointment/time', { api, flow });
    await findTimes();

    const steps = () => within(screen.getByRole('navigation', { name: 'Booking steps' })).getAllByRole('listitem');
    const current = () => steps().filter((step) => step.getAttribute('aria-current') === 'step');
    expect(steps().map((step) => step.textContent)).toEqual(['✓Details (completed)', '2Time', '3Review', '4Done']);
    expect(current().map((step) => step.textContent)).toEqual(['2Time']);

    await chooseTime(user, 'Tuesday, November 24, 9:00 AM Pacific Time');
    await screen.findByRole('heading', { level: 1, name: 'Review your appointment' });
    expect(current().map((step) => step.textContent)).toEqual(['3Review']);

    await user.click(screen.getByRole('button', { name: 'Confirm appointment' }));
    await screen.findByRole('heading', { level: 1, name: 'Appointment confirmed' });
    expect(current().map((step) => step.textContent)).toEqual(['4Done']);
    expect(steps().filter((step) => step.textContent?.endsWith('(completed)'))).toHaveLength(3);
  });
});
