/**
 * How a phone or in-person visit happens, in place of everything about video: "We will call you
 * at …" with the number on the visit, or the clinic's address. Nothing for a video visit.
 */
import { useQuery } from '@tanstack/react-query';
import type { Visit } from '../../../api/contract';
import { clinicQueries } from '../../../api/queries/clinic';
import { format, useI18n } from '../../../lib/i18n/language';

export function VisitModeNotice({ visit }: { visit: Pick<Visit, 'modality' | 'callNumber'> }) {
  const { t: all } = useI18n();
  const t = all.visitMode;
  const address = useQuery({ ...clinicQueries.settings(), enabled: visit.modality === 'in_person' }).data?.address ?? null;
  if (visit.modality !== 'phone' && visit.modality !== 'in_person') return null;
  const phone = visit.modality === 'phone';
  return (
    <section aria-labelledby="visit-mode-heading" className="visit-mode">
      <h2 id="visit-mode-heading">{phone ? t.phoneTitle : t.inPersonTitle}</h2>
      <p>
        {phone
          ? visit.callNumber
            ? format(t.phoneCall, { phone: visit.callNumber })
            : t.phoneCallNoNumber
          : address
            ? format(t.inPersonAddress, { address })
            : t.inPersonNoAddress}
      </p>
      <p>{t.noVideo}</p>
    </section>
  );
}
