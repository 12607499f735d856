/**
 * "Where are you right now?": the clinic's own service areas (DexCare's practice regions, or
 * VSee's SERVICE_STATES) and "Somewhere else". Asked first, because where the patient is decides
 * whether the clinic may see them at all.
 */
import type { ServiceArea } from '../../../api/contract';
import { Field } from '../../../components/field';
import { useI18n } from '../../../lib/i18n/language';

export interface AreaQuestionProps {
  areas: ServiceArea[];
  value: string | null;
  onChange: (id: string | null) => void;
}

export function AreaQuestion({ areas, value, onChange }: AreaQuestionProps) {
  const { t } = useI18n();
  return (
    <Field id="service-area" label={t.area.question} hint={t.area.hint}>
      {(control) => (
        <select {...control} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
          <option value="">{t.area.choose}</option>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>
              {area.outOfArea ? t.area.somewhereElse : area.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
