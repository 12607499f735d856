import type { Slot } from '../../../api/contract';
import { TimeZoneLine } from '../../../components/time-zone-line';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { format, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';

/**
 * The chosen time as the review pages show it, in the patient's timezone (and saying which, as
 * one line after the details: the full picker is one press away), with the visit's length and,
 * when the page knows them, the provider and the reason the patient gave.
 */
export function SlotDetails({ slot, reason, provider }: { slot: Slot; reason?: string | null; provider?: string | null }) {
  const timeZone = useTimeZone();
  const { t } = useI18n();
  const minutes = Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000);
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t.scheduling.date}</dt>
          <dd className="details-when">{formatDate(slot.start, timeZone)}</dd>
        </div>
        <div>
          <dt>{t.scheduling.time}</dt>
          <dd className="details-when">{formatTimeRange(slot.start, slot.end, timeZone)}</dd>
        </div>
        <div>
          <dt>{t.scheduling.type}</dt>
          <dd>{t.scheduling.videoVisit}</dd>
        </div>
        <div>
          <dt>{t.scheduling.length}</dt>
          <dd>{format(t.scheduling.lengthMinutes, { minutes })}</dd>
        </div>
        {provider ? (
          <div>
            <dt>{t.scheduling.provider}</dt>
            <dd>{provider}</dd>
          </div>
        ) : null}
        {reason ? (
          <div>
            <dt>{t.scheduling.reason}</dt>
            <dd className="details-reason">{reason}</dd>
          </div>
        ) : null}
      </dl>
      <TimeZoneLine at={slot.start} />
    </>
  );
}
