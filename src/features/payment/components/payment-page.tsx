/**
 * The payment step of a booking: asks how the visit is paid, saves the answer (which starts the
 * clinic's coverage check in the background) and moves on. The app route decides what "moving on"
 * is for each kind of visit.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PaymentRequest } from '../../../api/contract';
import { coverageQueries, savePayment } from '../../../api/queries/coverage';
import { BookingSteps } from '../../../components/booking-steps';
import { ErrorState } from '../../../components/error-state';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { useBookingFlow, type BookingKind } from '../../../lib/booking-flow';
import { errorText } from '../../../lib/i18n/error-text';
import { useI18n } from '../../../lib/i18n/language';
import { useChosenTypePrice } from '../../../lib/visit-type-price';
import { PaymentForm } from './payment-form';

export interface PaymentPageProps {
  kind: BookingKind;
  /** After the choice is saved: book the walk-in or e-consult, or go on to the times. May fail. */
  onSaved: () => Promise<void>;
}

export function PaymentPage({ kind, onSaved }: PaymentPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const query = useQuery(coverageQueries.options());
  const typePrice = useChosenTypePrice();
  // The chosen visit type's price (a 30-minute visit costs more than the default one).
  const options = query.data && typePrice !== undefined ? { ...query.data, price: typePrice } : query.data;
  const queryClient = useQueryClient();
  const { markPaymentStep } = useBookingFlow();
  useEffect(() => markPaymentStep(), [markPaymentStep]);

  const submitLabel = kind === 'econsult' ? t.details.sendQuestion : kind === 'walkin' ? t.details.joinQueue : t.common.continue;
  const onSubmit = async (request: PaymentRequest) => {
    await savePayment(queryClient, request);
    await onSaved();
  };

  return (
    <>
      <PageHeading>{t.payment.heading}</PageHeading>
      <BookingSteps kind={kind} current="payment" />
      {query.isError ? (
        <ErrorState title={t.payment.loadError} message={errorText(query.error, i18n)} error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : options ? (
        <PaymentForm options={options} onSubmit={onSubmit} submitLabel={submitLabel} />
      ) : (
        <Spinner label={t.payment.loading} />
      )}
    </>
  );
}
