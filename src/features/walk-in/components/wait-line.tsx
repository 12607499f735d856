/**
 * The waiting patient's estimated wait, asked again every minute (GET /api/visits/:id/wait):
 * DexCare's own estimate, or on VSee the room's usual wait less what this patient has waited
 * (decision 065). Nothing at all when the clinic cannot estimate it.
 */
import { useQuery } from '@tanstack/react-query';
import { visitQueries } from '../../../api/queries/visits';
import { format, useI18n } from '../../../lib/i18n/language';

export function WaitLine({ visitId, enabled }: { visitId: string; enabled: boolean }) {
  const { t } = useI18n();
  const wait = useQuery({ ...visitQueries.wait(visitId), enabled }).data?.wait;
  if (!enabled || !wait) return null;
  return (
    <p className="wait-line">
      {wait.moreThanAnHour ? t.waitEstimate.estimateOverHour : format(t.waitEstimate.estimate, { minutes: String(wait.minutes) })}{' '}
      <span className="wait-note">{t.waitEstimate.estimateNote}</span>
    </p>
  );
}
