import { useI18n } from '../lib/i18n/language';

/**
 * When the browser would not open the new tab, the address as a link to press instead (the
 * handoff's `link` outcome, src/lib/portal-exit.ts). Shared by every way out to the portal.
 */
export function NewTabFallback({ outcome, onFollow, label }: { outcome: { kind: string; url?: string } | null; onFollow: () => void; label: string }) {
  const { t } = useI18n();
  if (outcome?.kind !== 'link' || !outcome.url) return null;
  return (
    <p>
      {t.common.noNewTab}{' '}
      <a href={outcome.url} target="_blank" rel="noopener noreferrer" onClick={onFollow}>
        {label}
      </a>
    </p>
  );
}
