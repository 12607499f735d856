import { Alert } from './alert';
import { useI18n } from '../lib/i18n/language';
import { Button } from './button';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ title, message, onRetry, retrying = false }: ErrorStateProps) {
  const { t } = useI18n();
  return (
    <div className="error-state">
      <Alert title={title ?? t.common.somethingWentWrong}>
        <p>{message}</p>
      </Alert>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} busy={retrying}>
          {t.common.tryAgain}
        </Button>
      ) : null}
    </div>
  );
}
