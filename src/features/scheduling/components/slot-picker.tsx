/**
 * The days and times open for booking; used to book an appointment and to move one.
 *
 * Phone: "First available", a one-row strip of dates, the day's times as one radio group in
 * Morning / Afternoon / Evening. Wide screens (≥ 900 px): a month calendar beside the day's times,
 * with the visit's length and zone (as Cal.com's booker). Either way a time is chosen first (and
 * said aloud), then Continue — in a bar that stays at the bottom of the screen — goes on, so a
 * stray tap books nothing. The zone line comes after, so the keyboard reaches the times first:
 * from the first day to Continue is two Tab presses.
 */
import { useQueries, type QueryFunction } from '@tanstack/react-query';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Availability, AvailabilityFor, Slot } from '../../../api/contract';
import { availabilityQueries } from '../../../api/queries/availability';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { TimeZoneLine } from '../../../components/time-zone-line';
import { addMonths, formatDayKey, monthOf } from '../../../lib/calendar-days';
import { dayKey, formatSlotName } from '../../../lib/format-time';
import { errorText } from '../../../lib/i18n/error-text';
import { format, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';
import { useMediaQuery, WIDE_SCREEN } from '../../../lib/use-media-query';
import { DateStrip } from './date-strip';
import { groupSlotsByDay } from './group-slots';
import { MonthCalendar } from './month-calendar';
import { sameSlot, TimeRadioGroup } from './time-radio-group';

/** How many days one availability call covers (the API allows 31). */
export const WINDOW_DAYS = 28;
/** How far ahead the patient may look: twelve weeks. */
export const MAX_WINDOWS = 3;

const DAY_MS = 86_400_000;

export interface Range {
  from: string;
  to: string;
}

function windowRange(origin: number, index: number): Range {
  const from = origin + index * WINDOW_DAYS * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(from + WINDOW_DAYS * DAY_MS).toISOString() };
}

interface SlotPickerProps {
  /** A new appointment's intake, or the appointment being moved; none: the clinic's open times (before sign-in). */
  search?: AvailabilityFor;
  /** Without `search`: the kind of visit and provider whose open times to show. */
  openFor?: { visitTypeId?: string; providerId?: string };
  /** Continue with the chosen time. */
  onChoose: (slot: Slot) => void;
  /** Other ways forward when no open time is left (the walk-in queue, the clinic's phone). */
  empty: ReactNode;
  /** The time chosen before, when the patient comes back to change it. */
  initialSlot?: Slot | null;
}

export function SlotPicker({ search, openFor, onChoose, empty, initialSlot = null }: SlotPickerProps) {
  // Fixed for the life of the page so the query keys (and the lists) stay put.
  const [origin] = useState(() => Date.now());
  const [windows, setWindows] = useState(1);
  const ranges = Array.from({ length: windows }, (_, index) => windowRange(origin, index));
  const queries = useQueries({
    queries: ranges.map((range) => {
      const options = search ? availabilityQueries.range({ ...search, ...range }) : availabilityQueries.open({ ...openFor, ...range });
      return { queryKey: options.queryKey as readonly unknown[], queryFn: options.queryFn as QueryFunction<Availability> };
    }),
  });
  const timeZone = useTimeZone();
  const wide = useMediaQuery(WIDE_SCREEN);
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const panelId = `${ids}-times`;
  const timesHeadingId = `${ids}-times-heading`;
  const tabId = (key: string) => `${ids}-day-${key}`;
  const panelRef = useRef<HTMLDivElement>(null);
  const pickerRef = useRef<HTMLDivElement>(null);
  // The picker's control that last had focus, and the layout it was in.
  const lastFocused = useRef<Element | null>(null);
  const layout = useRef(wide);

  // The days are different controls in each layout (a strip, a month grid), so a switch removes
  // the focused day: focus would fall to the page's top. Give it to the chosen day in the new one.
  useLayoutEffect(() => {
    if (layout.current === wide) return;
    layout.current = wide;
    const focused = document.activeElement;
    const lost = lastFocused.current !== null && !lastFocused.current.isConnected;
    if (!lost || (focused !== null && focused !== document.body)) return;
    pickerRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"], .month-day[tabindex="0"]')?.focus();
  }, [wide]);

  const [selected, setSelected] = useState<Slot | null>(initialSlot);
  const [chosenDay, setChosenDay] = useState<string | null>(initialSlot ? dayKey(initialSlot.start, timeZone) : null);
  const [shownMonth, setShownMonth] = useState<string | null>(null);

  const slots = queries.flatMap((query) => query.data?.slots ?? []);
  const days = groupSlotsByDay(slots, timeZone);
  const openDays = new Set(days.map((day) => day.key));
  const first = days[0]?.slots[0] ?? null;
  const activeDay = days.find((day) => day.key === chosenDay) ?? days[0];
  const failed = queries.find((query) => query.isError);
  const loading = queries.some((query) => query.isPending);
  const allLoaded = queries.every((query) => query.isSuccess);
  const canLoadMore = windows < MAX_WINDOWS;
  const lengthMinutes = first ? Math.round((Date.parse(first.end) - Date.parse(first.start)) / 60_000) : null;

  // The calendar's month: the patient's choice, else the chosen (or first open) day's.
  const firstMonth = monthOf(dayKey(new Date(origin).toISOString(), timeZone));
  const lastMonth = monthOf(dayKey(new Date(origin + MAX_WINDOWS * WINDOW_DAYS * DAY_MS - 1).toISOString(), timeZone));
  const month = shownMonth ?? monthOf(activeDay?.key ?? firstMonth);

  const chooseDay = (key: string, bringIntoView: boolean) => {
    setChosenDay(key);
    // Phone: the times are below the dates; bring them up when they are out of sight.
    if (bringIntoView && typeof panelRef.current?.scrollIntoView === 'function') {
      panelRef.current.scrollIntoView({ block: 'nearest' });
    }
  };

  const chooseFirst = () => {
    if (!first) return;
    setSelected(first);
    const key = dayKey(first.start, timeZone);
    setChosenDay(key);
    setShownMonth(monthOf(key));
  };

  const showMonth = (next: string) => {
    setShownMonth(next);
    // Load as many windows as the month needs; the first open day in it becomes the chosen day.
    const monthEnd = Date.parse(`${addMonths(next, 1)}-01T00:00:00Z`) + DAY_MS;
    const needed = Math.min(MAX_WINDOWS, Math.max(1, Math.ceil((monthEnd - origin) / (WINDOW_DAYS * DAY_MS))));
    if (needed > windows) setWindows(needed);
    const firstOpen = days.find((day) => monthOf(day.key) === next);
    setChosenDay(firstOpen?.key ?? null);
  };

  const firstAvailable = first ? (
    <div className="first-available">
      <button type="button" className="first-available-button" aria-pressed={sameSlot(selected, first)} onClick={chooseFirst}>
        <span className="first-available-label">{t.picker.firstAvailable}</span>
        <span className="first-available-time">{formatSlotName(first.start, timeZone)}</span>
      </button>
    </div>
  ) : null;

  const times = activeDay ? (
    <div
      ref={panelRef}
      className="times-panel"
      id={panelId}
      {...(wide ? {} : { role: 'tabpanel', 'aria-labelledby': tabId(activeDay.key) })}
    >
      <h2 id={timesHeadingId} className="times-heading">
        {format(t.picker.timesOn, { day: formatDayKey(activeDay.key) })}
      </h2>
      <TimeRadioGroup
        slots={activeDay.slots}
        timeZone={timeZone}
        selected={selected}
        onSelect={setSelected}
        labelledBy={timesHeadingId}
      />
    </div>
  ) : null;

  const laterButton =
    canLoadMore && allLoaded && !wide ? (
      <Button variant="secondary" className="later-dates" onClick={() => setWindows(windows + 1)}>
        {t.picker.laterDates}
      </Button>
    ) : null;

  const meta =
    lengthMinutes !== null ? <p className="picker-meta">{format(t.picker.length, { minutes: lengthMinutes })}</p> : null;

  return (
    <div
      ref={pickerRef}
      className={wide ? 'picker picker-wide' : 'picker'}
      onFocus={(event) => {
        lastFocused.current = event.target;
      }}
    >
      {loading && days.length === 0 ? <Spinner label={t.scheduling.loadingTimes} /> : null}

      {failed ? (
        <ErrorState
          title={t.scheduling.loadTimesError}
          message={errorText(failed.error, i18n)}
          error={failed.error}
          onRetry={() => void Promise.all(queries.filter((query) => query.isError).map((query) => query.refetch()))}
          retrying={failed.isFetching}
        />
      ) : null}

      {/* One tree for both layouts, the times at the same place in it: a window resized or a tablet
          turned across the breakpoint (or the browser zoomed) re-lays the picker out without
          re-mounting the times, so the focused time keeps focus (and Tab still goes to Continue). */}
      {days.length > 0 ? (
        <div className={wide ? 'picker-panes' : 'picker-body'}>
          {wide ? (
            <div className="picker-pane picker-pane-calendar">
              <MonthCalendar
                month={month}
                openDays={openDays}
                selectedKey={activeDay && monthOf(activeDay.key) === month ? activeDay.key : null}
                onSelect={(key) => chooseDay(key, false)}
                onMonthChange={showMonth}
                canGoBack={month > firstMonth}
                canGoForward={month < lastMonth}
                headingId={`${ids}-month`}
              />
              {loading ? <Spinner label={t.picker.loadingMore} /> : null}
            </div>
          ) : null}
          <div className={wide ? 'picker-pane picker-pane-times' : 'picker-times'}>
            {meta}
            {firstAvailable}
            {!wide && activeDay ? (
              <DateStrip
                days={days.map((day) => ({ key: day.key, count: day.slots.length }))}
                activeKey={activeDay.key}
                onSelect={(key) => chooseDay(key, true)}
                panelId={panelId}
                tabId={tabId}
              />
            ) : null}
            {times ??
              (wide ? (
                <p className="empty-state" role="status">
                  {t.scheduling.newTimesLater}
                </p>
              ) : null)}
          </div>
        </div>
      ) : null}

      {allLoaded && days.length === 0 ? (
        <>
          <div className="empty-state" role="status">
            <p>{format(t.scheduling.noneNext, { days: windows * WINDOW_DAYS })}</p>
          </div>
          {canLoadMore ? (
            <div className="actions">
              <Button variant="secondary" onClick={() => setWindows(windows + 1)}>
                {t.picker.laterDates}
              </Button>
            </div>
          ) : null}
          {empty}
        </>
      ) : null}

      {/* Always in the page, so the choice is announced; pinned to the bottom once there is one. */}
      <div className={selected ? 'choice-bar choice-bar-open' : 'choice-bar'}>
        <p role="status" className="choice-bar-text">
          {selected ? format(t.picker.chosen, { time: formatSlotName(selected.start, timeZone) }) : ''}
        </p>
        {selected ? <Button onClick={() => onChoose(selected)}>{t.common.continue}</Button> : null}
      </div>

      {/* After Continue, so the keyboard's way from the times to Continue is one Tab. */}
      {days.length > 0 && !wide ? laterButton : null}
      {days.length > 0 && !wide && loading ? <Spinner label={t.picker.loadingMore} /> : null}
      {days.length > 0 ? <TimeZoneLine at={first?.start} /> : null}
    </div>
  );
}
