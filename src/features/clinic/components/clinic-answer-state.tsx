/** While the clinic's settings load, or when they could not: the spinner, or the error with a retry. */
import type { UseQueryResult } from '@tanstack/react-query';
import type { Clinic } from '../../../api/contract';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';

export function ClinicAnswerState({ query }: { query: UseQueryResult<Clinic> }) {
  const i18n = useI18n();
  if (query.isPending) return <Spinner label={i18n.t.start.loading} />;
  if (!query.isError) return null;
  return (
    <ErrorState
      title={i18n.t.start.loadError}
      message={errorText(query.error, i18n)}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
