import type { Slot, VisitType } from '../../../api/contract';
import { formatMoney } from '../../../lib/format-money';
import { TimeZoneLine } from '../../../components/time-zone-line';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { format, useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';

/**
 * The chosen time as the review pages show it, in the patient's timezone (and saying which, as
 * one line after the details: the full picker is one press away), with the visit's length, the
 * visit type (its price) and the provider when the patient chose them, and the reason they gave.
 */
export function SlotDetails({
  slot,
  visitType,
  provider,
  reason,
}: {
  slot: Slot;
  visitType?: VisitType | undefined;
  provider?: string | null | undefined;
  reason?: string | null | undefined;
}) {
  const timeZone = useTimeZone();
  const { t, locale } = useI18n();
  const how =
    visitType?.modality === 'phone' ? t.visitMode.phoneKind : visitType?.modality === 'in_person' ? t.visitMode.inPersonKind : t.scheduling.videoVisit;
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
          <dd>{visitType ? `${visitType.description} (${how})` : how}</dd>
        </div>
        <div>
          <dt>{t.scheduling.length}</dt>
          <dd>{format(t.scheduling.lengthMinutes, { minutes })}</dd>
        </div>
        {visitType ? (
          <div>
            <dt>{t.choices.priceLabel}</dt>
            <dd>{visitType.price ? formatMoney(visitType.price.amount, visitType.price.currency, locale) : t.choices.noCharge}</dd>
          </div>
        ) : null}
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
