/**
 * The wide screen's month calendar (as Cal.com's booker): days with open times are buttons, the
 * others are shown but disabled. The grid is one Tab stop (roving tabindex over the open days):
 * Left/Right go to the previous/next open day, Up/Down a week back/ahead (or the nearest open
 * day that way), Home/End to the month's first/last open day.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { addDays, addMonths, formatDayKey, formatMonth, monthWeeks, weekdayNames } from '../../../lib/calendar-days';
import { format, useI18n } from '../../../lib/i18n/language';

interface MonthCalendarProps {
  /** "2026-11" */
  month: string;
  /** Day keys that have open times. */
  openDays: ReadonlySet<string>;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  onMonthChange: (month: string) => void;
  canGoBack: boolean;
  canGoForward: boolean;
  /** Id for the month's name, which labels the grid. */
  headingId: string;
}

export function MonthCalendar({ month, openDays, selectedKey, onSelect, onMonthChange, canGoBack, canGoForward, headingId }: MonthCalendarProps) {
  const { t } = useI18n();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const weeks = monthWeeks(month);
  const inMonth = weeks.flat().filter((key): key is string => key !== null);
  const open = inMonth.filter((key) => openDays.has(key));
  const stop = selectedKey && open.includes(selectedKey) ? selectedKey : (open[0] ?? null);
  const names = weekdayNames();
  // Arrowing past the month's last (or first) open day turns the page; focus follows once it shows.
  const focusAfterTurn = useRef(false);
  const gridRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (!focusAfterTurn.current || !stop) return;
    focusAfterTurn.current = false;
    // Only while focus is still the calendar's (or lost with the old month's day): never taken
    // back from the times once the patient has moved on while the month's days were loading.
    const active = document.activeElement;
    if (active && active !== document.body && !gridRef.current?.contains(active)) return;
    buttons.current.get(stop)?.focus();
  }, [month, stop]);

  const move = (to: string | undefined) => {
    if (!to) return;
    onSelect(to);
    buttons.current.get(to)?.focus();
  };

  /** The first open day from `from` on, stepping `step` days, inside this month. */
  const seek = (from: string, step: number) => {
    for (let key = from; key.startsWith(month); key = addDays(key, step)) if (openDays.has(key)) return key;
    return undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const current = [...buttons.current.entries()].find(([, element]) => element === event.target)?.[0];
    if (!current) return;
    const moves: Record<string, () => string | undefined> = {
      ArrowRight: () => seek(addDays(current, 1), 1),
      ArrowLeft: () => seek(addDays(current, -1), -1),
      ArrowDown: () => (openDays.has(addDays(current, 7)) ? addDays(current, 7) : seek(addDays(current, 1), 1)),
      ArrowUp: () => (openDays.has(addDays(current, -7)) ? addDays(current, -7) : seek(addDays(current, -1), -1)),
      Home: () => open[0],
      End: () => open[open.length - 1],
    };
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    const target = to();
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const back = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (!target && ((forward && canGoForward) || (back && canGoBack))) {
      focusAfterTurn.current = true;
      onMonthChange(addMonths(month, forward ? 1 : -1));
      return;
    }
    move(target);
  };

  return (
    <div className="month-calendar">
      <div className="month-header">
        <h2 id={headingId} className="month-name" aria-live="polite">
          {formatMonth(month)}
        </h2>
        <div className="month-nav">
          <button
            type="button"
            className="icon-button"
            aria-label={t.picker.earlierMonth}
            disabled={!canGoBack}
            onClick={() => onMonthChange(addMonths(month, -1))}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t.picker.laterMonth}
            disabled={!canGoForward}
            onClick={() => onMonthChange(addMonths(month, 1))}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      <table ref={gridRef} className="month-grid" aria-labelledby={headingId} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name.long} scope="col" abbr={name.long}>
                {name.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, row) => (
            <tr key={week.find(Boolean) ?? row}>
              {week.map((key, column) =>
                key ? (
                  <td key={key}>
                    <button
                      ref={(element) => {
                        if (element) buttons.current.set(key, element);
                        else buttons.current.delete(key);
                      }}
                      type="button"
                      className="month-day"
                      disabled={!openDays.has(key)}
                      aria-pressed={openDays.has(key) ? key === selectedKey : undefined}
                      aria-label={openDays.has(key) ? formatDayKey(key) : format(t.picker.noTimesThatDay, { day: formatDayKey(key) })}
                      tabIndex={key === stop ? 0 : -1}
                      onClick={() => onSelect(key)}
                    >
                      {Number(key.slice(8))}
                    </button>
                  </td>
                ) : (
                  <td key={`empty-${row}-${column}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
