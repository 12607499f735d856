/**
 * Leaving for a portal from inside a frame, beside the host page (`HANDOFF_TARGET=new-tab`): a
 * real link, its one-time address fetched beforehand. A host that isolates itself
 * (Cross-Origin-Opener-Policy: same-origin) cuts off a tab opened blank by script and sent on
 * later, so nothing here opens a window by script (docs/embedding.md).
 */
import { useQuery } from '@tanstack/react-query';
import type { PortalAddress } from '../api/queries/handoff';
import { emitEmbed } from '../lib/embed';
import { errorText } from '../lib/i18n/error-text';
import { useI18n } from '../lib/i18n/language';
import { ErrorState } from './error-state';
import { Spinner } from './spinner';

interface PortalLinkProps {
  /** The address query (src/api/queries/handoff.ts `handoffQueries`). */
  address: PortalAddress;
  label: string;
  loading: string;
  errorTitle: string;
  /** What the host page is told the patient (or provider) went to. */
  target: string;
  variant?: 'primary' | 'secondary';
}

export function PortalLink({ address, label, loading, errorTitle, target, variant = 'primary' }: PortalLinkProps) {
  const query = useQuery(address);
  const i18n = useI18n();
  return (
    <div className="join-video">
      {query.data ? (
        <a
          className={`button button-${variant}`}
          href={query.data}
          target="_blank"
          rel="noopener noreferrer"
          // The host page learns where they went, never the address (it signs them in).
          onClick={() => emitEmbed('handoff', { target })}
        >
          {label}
        </a>
      ) : null}
      {query.isPending ? <Spinner label={loading} /> : null}
      {query.isError ? (
        <ErrorState
          title={errorTitle}
          message={errorText(query.error, i18n)}
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : null}
    </div>
  );
}
