import { QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from '../api/client';

/** A 4xx will answer the same way again; only network trouble and 5xx are worth one more try. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiRequestError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(options: { retryDelay?: number } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        ...(options.retryDelay === undefined ? {} : { retryDelay: options.retryDelay }),
      },
      // A booking is never retried behind the patient's back; they press the button again.
      mutations: { retry: 0 },
    },
  });
}
