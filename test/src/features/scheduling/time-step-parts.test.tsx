/**
 * The time step's parts on their own: the times as one radio group, the phone's date strip, the
 * wide screen's month calendar. Driven by keyboard and pointer as a patient would.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Slot } from '../../../../src/api/contract';
import { DateStrip } from '../../../../src/features/scheduling/components/date-strip';
import { MonthCalendar } from '../../../../src/features/scheduling/components/month-calendar';
import { TimeRadioGroup } from '../../../../src/features/scheduling/components/time-radio-group';
import { laterWords, setLanguage } from '../../../../src/lib/i18n/language';
import { slotAt } from '../../../support/fake-api';

const LA = 'America/Los_Angeles';
// Tuesday, November 24, 2026 in Los Angeles (UTC-8): 9:00, 11:30 AM, 1:00, 4:30 PM, 6:00 PM.
const DAY: Slot[] = [
  slotAt('2026-11-24T17:00:00.000Z'),
  slotAt('2026-11-24T19:30:00.000Z'),
  slotAt('2026-11-24T21:00:00.000Z'),
  slotAt('2026-11-25T00:30:00.000Z'),
  slotAt('2026-11-25T02:00:00.000Z'),
];

function Times({ slots = DAY, initial = null }: { slots?: Slot[]; initial?: Slot | null }) {
  const [selected, setSelected] = useState<Slot | null>(initial);
  return (
    <>
      <h2 id="times-heading">Times on Tuesday, November 24</h2>
      <TimeRadioGroup slots={slots} timeZone={LA} selected={selected} onSelect={setSelected} labelledBy="times-heading" />
      <button type="button">Continue</button>
    </>
  );
}

// These parts render only on later pages, which load the later pages' words first (src/app/router.tsx).
beforeAll(() => laterWords());

describe('time radio group', () => {
  it('is one radio group in Morning, Afternoon and Evening blocks, each time named in full', () => {
    render(<Times />);
    const group = screen.getByRole('radiogroup', { name: 'Times on Tuesday, November 24' });
    expect(within(group).getAllByRole('radio')).toHaveLength(5);
    expect(within(group).getByRole('group', { name: 'Morning' })).toHaveTextContent(/9:00 AM.*11:30 AM/);
    expect(within(group).getByRole('group', { name: 'Afternoon' })).toHaveTextContent(/1:00 PM.*4:30 PM/);
    expect(within(group).getByRole('group', { name: 'Evening' })).toHaveTextContent('6:00 PM');
    expect(within(group).getByRole('radio', { name: 'Tuesday, November 24, 4:30 PM Pacific Time' })).toHaveAttribute(
      'aria-checked',
      'false',
    );
  });

  it('leaves out an empty part of the day', () => {
    render(<Times slots={DAY.slice(0, 2)} />);
    expect(screen.getByRole('group', { name: 'Morning' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Afternoon' })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Evening' })).not.toBeInTheDocument();
  });

  it('is one Tab stop: arrows move across the blocks and choose, Home and End jump, Tab leaves', async () => {
    const user = userEvent.setup();
    render(<Times />);
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);

    await user.tab();
    expect(radios[0]).toHaveFocus();
    expect(screen.queryByRole('radio', { checked: true })).toBeNull(); // focus alone chooses nothing

    await user.keyboard('{ArrowDown}{ArrowRight}');
    // From the morning block into the afternoon one.
    expect(radios[2]).toHaveFocus();
    expect(radios[2]).toHaveAttribute('aria-checked', 'true');
    expect(radios.filter((r) => r.getAttribute('aria-checked') === 'true')).toHaveLength(1);
    expect(radios.map((r) => r.tabIndex)).toEqual([-1, -1, 0, -1, -1]);

    await user.keyboard('{End}');
    expect(radios[4]).toHaveFocus();
    await user.keyboard('{ArrowDown}'); // wraps
    expect(radios[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(radios[4]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');

    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(radios[0]).toHaveFocus(); // back to the chosen time, not the first in the DOM order
  });

  it('chooses by click, and Tab comes back to the chosen time', async () => {
    const user = userEvent.setup();
    render(<Times />);
    await user.click(screen.getByRole('radio', { name: /6:00 PM/ }));
    expect(screen.getByRole('radio', { name: /6:00 PM/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: /6:00 PM/ }).tabIndex).toBe(0);
    expect(screen.getByRole('radio', { name: /9:00 AM/ }).tabIndex).toBe(-1);
  });

  it('speaks Spanish', async () => {
    await setLanguage('es');
    render(<Times />);
    expect(screen.getByRole('group', { name: 'Mañana' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Noche' })).toBeInTheDocument();
    expect(screen.getAllByRole('radio')[0]).toHaveAccessibleName(/martes, 24 de noviembre, 9:00 a\. ?m\. hora del Pacífico/i);
  });
});

function Strip({ keys = ['2026-11-24', '2026-11-25', '2026-11-27'] }: { keys?: string[] }) {
  const [active, setActive] = useState(keys[0]!);
  return (
    <>
      <DateStrip
        days={keys.map((key, i) => ({ key, count: i + 1 }))}
        activeKey={active}
        onSelect={setActive}
        panelId="panel"
        tabId={(key) => `tab-${key}`}
      />
      <div role="tabpanel" id="panel" aria-labelledby={`tab-${active}`}>
        shown: {active}
      </div>
    </>
  );
}

describe('date strip', () => {
  it('shows each day short on screen and in full to listeners, with its count', () => {
    render(<Strip />);
    const strip = screen.getByRole('tablist', { name: 'Dates with open times' });
    const tabs = within(strip).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Tue24Nov', 'Wed25Nov', 'Fri27Nov']);
    expect(tabs[0]).toHaveAccessibleName('Tuesday, November 24 (1 time)');
    expect(tabs[2]).toHaveAccessibleName('Friday, November 27 (3 times)');
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Tuesday, November 24 (1 time)' })).toHaveTextContent('2026-11-24');
  });

  it('is one Tab stop; arrows, Home and End move and show the day', async () => {
    const user = userEvent.setup();
    render(<Strip />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    await user.tab();
    expect(tabs[0]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tabs[1]).toHaveFocus();
    expect(tabs[1]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('2026-11-25');
    await user.keyboard('{End}');
    expect(tabs[2]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tabs[0]).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(tabs[2]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
  });

  it('chooses a day by tap', async () => {
    const user = userEvent.setup();
    render(<Strip />);
    await user.click(screen.getByRole('tab', { name: /Friday/ }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('2026-11-27');
  });
});

function Calendar({ open = ['2026-11-24', '2026-11-25', '2026-12-01'], start = '2026-11' }: { open?: string[]; start?: string }) {
  const [month, setMonth] = useState(start);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <MonthCalendar
        month={month}
        openDays={new Set(open)}
        selectedKey={selected}
        onSelect={setSelected}
        onMonthChange={setMonth}
        canGoBack={month > '2026-11'}
        canGoForward={month < '2027-01'}
        headingId="month"
      />
      <p>chosen: {selected ?? 'none'}</p>
    </>
  );
}

describe('month calendar', () => {
  it('shows the month with days without times disabled', () => {
    render(<Calendar />);
    const grid = screen.getByRole('table', { name: 'November 2026' });
    const headers = within(grid).getAllByRole('columnheader');
    expect(headers[0]).toHaveTextContent('Sun');
    expect(headers[0]).toHaveAttribute('abbr', 'Sunday');
    const enabled = within(grid)
      .getAllByRole('button')
      .filter((b) => !(b as HTMLButtonElement).disabled);
    expect(enabled.map((b) => b.getAttribute('aria-label'))).toEqual(['Tuesday, November 24', 'Wednesday, November 25']);
    const sunday = within(grid).getByRole('button', { name: 'Sunday, November 1: no open times' });
    expect(sunday).toBeDisabled();
    expect(within(grid).getAllByRole('button')).toHaveLength(30);
    // November 1, 2026 is a Sunday: the first cell of the first week.
    expect(within(grid).getAllByRole('row')[1]!.querySelector('td')).toContainElement(sunday);
  });

  it('is one Tab stop over the open days; arrows skip the closed ones', async () => {
    const user = userEvent.setup();
    render(<Calendar open={['2026-11-03', '2026-11-10', '2026-11-12', '2026-11-24']} />);
    const day = (n: number) => screen.getByRole('button', { name: new RegExp(`November ${n}$`) });
    await user.tab(); // the month buttons: "Previous month" is disabled, so "Next month" is first
    expect(screen.getByRole('button', { name: 'Next month' })).toHaveFocus();
    await user.tab();
    expect(day(3)).toHaveFocus();
    await user.keyboard('{ArrowDown}'); // a week on: the 10th is open
    expect(day(10)).toHaveFocus();
    expect(day(10)).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{ArrowRight}'); // skips the 11th (closed)
    expect(day(12)).toHaveFocus();
    await user.keyboard('{ArrowDown}'); // the 19th is closed: the next open day onwards
    expect(day(24)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(day(3)).toHaveFocus();
    await user.keyboard('{End}');
    expect(day(24)).toHaveFocus();
    expect(screen.getByText('chosen: 2026-11-24')).toBeInTheDocument();
    await user.tab();
    expect(document.body).toHaveFocus(); // nothing else in this grid takes Tab
  });

  it('moves between months, within the bookable range', async () => {
    const user = userEvent.setup();
    render(<Calendar />);
    expect(screen.getByRole('button', { name: 'Previous month' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(screen.getByRole('table', { name: 'December 2026' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tuesday, December 1' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(screen.getByRole('table', { name: 'January 2027' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next month' })).toBeDisabled();
    expect(screen.getAllByRole('button', { name: /no open times/ })).toHaveLength(31);
  });

  it('speaks Spanish', async () => {
    await setLanguage('es');
    render(<Calendar />);
    expect(screen.getByRole('table', { name: 'Noviembre de 2026' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'martes, 24 de noviembre' })).toBeEnabled();
  });
});
