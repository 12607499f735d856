import type { Slot } from '../../../api/contract';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';

/** The chosen time as the review pages show it, in the patient's timezone (and saying which). */
export function SlotDetails({ slot }: { slot: Slot }) {
  const timeZone = useTimeZone();
  const { t } = useI18n();
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t.scheduling.date}</dt>
          <dd>{formatDate(slot.start, timeZone)}</dd>
        </div>
        <div>
          <dt>{t.scheduling.time}</dt>
          <dd>{formatTimeRange(slot.start, slot.end, timeZone)}</dd>
        </div>
        <div>
          <dt>{t.scheduling.type}</dt>
          <dd>{t.scheduling.videoVisit}</dd>
        </div>
      </dl>
      <TimeZonePicker at={slot.start} />
    </>
  );
}
