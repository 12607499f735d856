import type { Slot, VisitType } from '../../../api/contract';
import { formatMoney } from '../../../lib/format-money';
import { TimeZonePicker } from '../../../components/time-zone-picker';
import { formatDate, formatTimeRange } from '../../../lib/format-time';
import { useI18n } from '../../../lib/i18n/language';
import { useTimeZone } from '../../../lib/time-zone';

/**
 * The chosen time as the review pages show it, in the patient's timezone (and saying which); with
 * the visit type (its length and price) and the provider when the patient chose them.
 */
export function SlotDetails({ slot, visitType, provider }: { slot: Slot; visitType?: VisitType | undefined; provider?: string | undefined }) {
  const timeZone = useTimeZone();
  const { t, locale } = useI18n();
  const how =
    visitType?.modality === 'phone' ? t.visitMode.phoneKind : visitType?.modality === 'in_person' ? t.visitMode.inPersonKind : t.scheduling.videoVisit;
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
          <dd>{visitType ? `${visitType.description} (${how})` : how}</dd>
        </div>
        {visitType ? (
          <div>
            <dt>{t.choices.priceLabel}</dt>
            <dd>{visitType.price ? formatMoney(visitType.price.amount, visitType.price.currency, locale) : t.choices.noCharge}</dd>
          </div>
        ) : null}
        {provider ? (
          <div>
            <dt>{t.choices.providerLabel}</dt>
            <dd>{provider}</dd>
          </div>
        ) : null}
      </dl>
      <TimeZonePicker at={slot.start} />
    </>
  );
}
