/**
 * The phone's row of dates: one line that scrolls sideways, only days with open times. It is a
 * tab list (APG tabs, automatic activation: the times are already loaded), so the whole row is
 * one Tab stop and the arrow keys, Home and End move along it.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { dayKeyParts, formatDayKey } from '../../../lib/calendar-days';
import { format, plural, useI18n } from '../../../lib/i18n/language';

export interface StripDay {
  key: string;
  count: number;
}

interface DateStripProps {
  days: readonly StripDay[];
  activeKey: string;
  onSelect: (key: string) => void;
  /** The id of the panel the tabs control (the chosen day's times). */
  panelId: string;
  tabId: (key: string) => string;
}

export function DateStrip({ days, activeKey, onSelect, panelId, tabId }: DateStripProps) {
  const { t } = useI18n();
  const tabs = useRef(new Map<string, HTMLButtonElement>());

  // The chosen day stays in sight in the scrolling row (not the page: `nearest`, inline only).
  useEffect(() => {
    const tab = tabs.current.get(activeKey);
    if (typeof tab?.scrollIntoView === 'function') tab.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeKey]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = days.findIndex((day) => day.key === activeKey);
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = (index + 1) % days.length;
        break;
      case 'ArrowLeft':
        next = (index - 1 + days.length) % days.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = days.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const day = days[next];
    if (!day) return;
    onSelect(day.key);
    tabs.current.get(day.key)?.focus();
  };

  return (
    <div role="tablist" aria-label={t.picker.datesLabel} className="date-strip" onKeyDown={onKeyDown}>
      {days.map((day) => {
        const active = day.key === activeKey;
        const parts = dayKeyParts(day.key);
        const count = plural(t.picker.dateCount, day.count);
        return (
          <button
            key={day.key}
            ref={(element) => {
              if (element) tabs.current.set(day.key, element);
              else tabs.current.delete(day.key);
            }}
            type="button"
            role="tab"
            id={tabId(day.key)}
            aria-selected={active}
            aria-controls={panelId}
            aria-label={format(t.picker.dayWithCount, { day: formatDayKey(day.key), count })}
            tabIndex={active ? 0 : -1}
            className="date-chip"
            onClick={() => onSelect(day.key)}
          >
            <span className="date-chip-weekday">{parts.weekday}</span>
            <span className="date-chip-day">{parts.day}</span>
            <span className="date-chip-month">{parts.month}</span>
          </button>
        );
      })}
    </div>
  );
}
