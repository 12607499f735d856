/**
 * How the visit is paid: the payment step's choices, the patient's saved choice and its live
 * coverage state (issue #12). One home for these queries, shared by the payment step and the
 * pages that show the coverage (review, confirmation, waiting room).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../client';
import { coverage, paymentOptions, type Coverage, type PaymentOptions, type PaymentRequest } from '../contract';

/** While a check is running the page asks again this often; the proxy paces its own calls to VSee. */
export const COVERAGE_POLL_MS = 4000;

export const isChecking = (c: Coverage | undefined) => c?.cards.some((card) => card.state === 'checking') ?? false;

export const coverageQueries = {
  all: ['payment'] as const,
  /** The payment step's choices: the clinic's insurers and price. */
  options: () =>
    queryOptions({
      queryKey: [...coverageQueries.all, 'options'] as const,
      queryFn: ({ signal }) => apiGet('/api/payment/options', paymentOptions, { signal }),
      staleTime: 5 * 60_000,
    }),
  /** The patient's saved choice and its live coverage state. */
  coverage: () =>
    queryOptions({
      queryKey: [...coverageQueries.all, 'coverage'] as const,
      queryFn: ({ signal }) => apiGet('/api/coverage', coverage, { signal }),
      // Updating by itself while the clinic's check runs, then quiet.
      refetchInterval: (query) => (isChecking(query.state.data) ? COVERAGE_POLL_MS : false),
    }),
};

/** Saves the patient's choice; the answer is the coverage as it now stands. */
export async function savePayment(queryClient: QueryClient, body: PaymentRequest): Promise<Coverage> {
  const saved = await apiSend('POST', '/api/payment', body, coverage);
  queryClient.setQueryData(coverageQueries.coverage().queryKey, saved);
  return saved;
}

/** The step is asked only when there is something to choose: insurers listed, or a charge. */
export function needsPaymentStep(options: PaymentOptions): boolean {
  return options.insurers.length > 0 || (options.price !== null && options.price.amount > 0);
}
