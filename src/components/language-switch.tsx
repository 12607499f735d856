/**
 * The patient's language, in the header: each language offered by its own name, marked with its
 * own `lang` so a screen reader says "Español" in Spanish. The choice lasts for this visit to the
 * site (memory only).
 */
import { LANGUAGE_NAMES, LANGUAGES, setLanguage, useI18n } from '../lib/i18n/language';

export function LanguageSwitch() {
  const { t, lang } = useI18n();
  return (
    <div role="group" aria-label={t.layout.languageLabel} className="language-switch">
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="link-button language-option"
          aria-pressed={option === lang}
          onClick={() => void setLanguage(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
