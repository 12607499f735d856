/**
 * The price of the visit type chosen in this booking (issue #16): the payment step and the
 * coverage lines say it rather than the clinic's default type's, which is what the proxy's
 * payment options give. Undefined when no type was chosen (the default price stands).
 */
import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import type { Price } from '../api/contract';
import { clinicQueries } from '../api/queries/clinic';
import { BookingFlowContext } from './booking-flow';

export function useChosenTypePrice(): Price | null | undefined {
  const visitTypeId = useContext(BookingFlowContext)?.flow.visitTypeId ?? null;
  const types = useQuery({ ...clinicQueries.settings(), enabled: visitTypeId !== null }).data?.visitTypes;
  const chosen = visitTypeId === null ? undefined : types?.find((v) => v.id === visitTypeId);
  if (!chosen) return undefined;
  return chosen.price ?? null;
}
