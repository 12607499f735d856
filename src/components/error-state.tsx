import { Alert } from './alert';
import { Button } from './button';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorState({ title = 'Something went wrong', message, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div className="error-state">
      <Alert title={title}>
        <p>{message}</p>
      </Alert>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry} busy={retrying}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
