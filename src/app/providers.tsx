import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { isUnauthorized } from '../api/client';
import { BookingFlowProvider, type BookingFlow } from '../lib/booking-flow';
import { SessionEndedProvider, SessionEndedSignal } from '../lib/session-ended';
import { createQueryClient } from './query-client';

interface AppProvidersProps {
  children: ReactNode;
  /** Tests pass a fresh client; the app makes its own. */
  queryClient?: QueryClient;
  initialFlow?: Partial<BookingFlow>;
}

export function AppProviders({ children, queryClient, initialFlow }: AppProvidersProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [sessionEnded] = useState(() => new SessionEndedSignal());

  useEffect(() => {
    // GET /api/session answers "nobody signed in" with a 200, so any 401 that reaches the caches
    // means the session ended under the patient.
    const onError = (error: unknown) => {
      if (isUnauthorized(error)) sessionEnded.end();
    };
    const offQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const offMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [client, sessionEnded]);

  return (
    <QueryClientProvider client={client}>
      <SessionEndedProvider signal={sessionEnded}>
        <BookingFlowProvider {...(initialFlow ? { initialFlow } : {})}>{children}</BookingFlowProvider>
      </SessionEndedProvider>
    </QueryClientProvider>
  );
}
