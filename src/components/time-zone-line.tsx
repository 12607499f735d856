/**
 * "Times in Eastern Time · Change": the zone in one line after the times, with the full picker
 * one press away. It comes after the picker so the keyboard reaches the times first.
 */
import { useId, useState } from 'react';
import { timeZoneName } from '../lib/format-time';
import { format, useI18n } from '../lib/i18n/language';
import { useTimeZone } from '../lib/time-zone';
import { TimeZonePicker } from './time-zone-picker';

export function TimeZoneLine({ at }: { at?: string }) {
  const timeZone = useTimeZone();
  const [open, setOpen] = useState(false);
  const pickerId = useId();
  const { t } = useI18n();
  return (
    <div className="timezone-line">
      <p className="timezone-line-text">
        <span aria-live="polite">{format(t.picker.zoneLine, { zone: timeZoneName(timeZone, at) })}</span>
        <span aria-hidden="true"> · </span>
        <button
          type="button"
          className="link-button timezone-change"
          aria-expanded={open}
          aria-controls={pickerId}
          aria-label={t.picker.changeZoneLabel}
          onClick={() => setOpen((was) => !was)}
        >
          {t.picker.change}
        </button>
      </p>
      <div id={pickerId} hidden={!open}>
        {open ? <TimeZonePicker at={at} /> : null}
      </div>
    </div>
  );
}
