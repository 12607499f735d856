/**
 * "Who would you like to see?": any available provider (the default: the most times), or one of
 * the room's providers by name, with their photo where the clinic has one (else their initials, so
 * the list keeps its shape). Choosing one shows only
 * their times. Native radio buttons: one Tab stop, arrow keys move and choose.
 */
import type { ClinicProvider } from '../../../api/contract';
import { useI18n } from '../../../lib/i18n/language';

export interface ProviderChoiceProps {
  providers: ClinicProvider[];
  /** null: any available provider. */
  value: string | null;
  onChange: (providerId: string | null) => void;
  idPrefix?: string;
}

const ANY = 'any';

/** "Dr. Mei Chen" → "MC": the first letters of the first and last words, titles ("Dr.") left out. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !w.endsWith('.'));
  const first = (w: string | undefined) => (w ? (Array.from(w).find((ch) => /\p{L}/u.test(ch)) ?? '') : '');
  const ends = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return ends.map(first).join('').toLocaleUpperCase();
}

export function ProviderChoice({ providers, value, onChange, idPrefix = 'provider' }: ProviderChoiceProps) {
  const { t: all } = useI18n();
  const t = all.choices;
  if (providers.length === 0) return null;
  const option = (key: string, label: string, hint: string, photo: string | null | undefined) => {
    const id = `${idPrefix}-${key}`;
    const checked = key === ANY ? value === null : value === key;
    return (
      <div className="choice provider-choice" key={key}>
        <input
          id={id}
          type="radio"
          name={idPrefix}
          value={key}
          checked={checked}
          onChange={() => onChange(key === ANY ? null : key)}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={id}>
          {photo !== undefined ? (
            // The name is in the label; the photo adds nothing for a screen reader.
            photo ? (
              <img className="provider-photo" src={photo} alt="" width={48} height={48} loading="lazy" />
            ) : (
              <span className="provider-photo provider-photo-none" aria-hidden="true">
                {initials(label)}
              </span>
            )
          ) : null}
          <span>{label}</span>
        </label>
        <p id={`${id}-hint`} className="choice-hint">
          {hint}
        </p>
      </div>
    );
  };
  return (
    <fieldset className="fieldset choices">
      <legend>{t.providerLegend}</legend>
      {option(ANY, t.anyProvider, t.anyProviderHint, undefined)}
      {providers.map((p) => option(p.id, p.name, t.providerHint, p.photoUrl))}
    </fieldset>
  );
}
