/**
 * Where the patient is in a booking (which kind, their intake, the chosen slot) or in moving an
 * appointment (which visit, the new slot), kept in memory
 * only: nothing here is written to storage or the URL, so a reload starts the flow again.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Slot } from '../api/contract';
import { preselectedProvider } from './preselect';

export type BookingKind = 'appointment' | 'walkin' | 'econsult';

export interface BookingFlow {
  kind: BookingKind | null;
  intakeId: string | null;
  /** The intake request that made intakeId: resubmitting the same details reuses the intake. */
  intakeSignature: string | null;
  slot: Slot | null;
  /** One per booking attempt, reused when that same attempt is retried. */
  idempotencyKey: string | null;
  /** Set while moving this appointment: `slot` is then its new time and the key that move's. */
  rescheduleVisitId: string | null;
  /** This booking asked how the visit is paid (the clinic lists insurers or charges). */
  paymentStep: boolean;
  /** The visit type chosen with the details (a VSee consultation id); null: the clinic's default. */
  visitTypeId: string | null;
  /** The provider chosen beside the times; null: any available provider. */
  providerId: string | null;
}

export const emptyFlow: BookingFlow = {
  kind: null,
  intakeId: null,
  intakeSignature: null,
  slot: null,
  idempotencyKey: null,
  rescheduleVisitId: null,
  paymentStep: false,
  visitTypeId: null,
  providerId: null,
};

interface BookingFlowApi {
  flow: BookingFlow;
  /** A new intake starts a new attempt (for a walk-in, the attempt is joining the queue). */
  startIntake(init: { kind: BookingKind; intakeId: string; intakeSignature: string; visitTypeId?: string | null }): BookingFlow;
  /** Any available provider (null) or one by id: the times shown are theirs. */
  chooseProvider(providerId: string | null): void;
  /** Choosing a time starts a new appointment attempt. */
  chooseSlot(slot: Slot): BookingFlow;
  /** Choosing a new time for an existing appointment starts a new attempt to move it (any booking is left). */
  chooseRescheduleSlot(visitId: string, slot: Slot): BookingFlow;
  /** The payment step was shown in this booking (the step list then names it). */
  markPaymentStep(): void;
  reset(): void;
}

export const BookingFlowContext = createContext<BookingFlowApi | null>(null);

export function BookingFlowProvider({ children, initialFlow }: { children: ReactNode; initialFlow?: Partial<BookingFlow> }) {
  // A provider named by the link or the embed (src/lib/preselect.ts) starts chosen.
  const [flow, setFlow] = useState<BookingFlow>(() => ({ ...emptyFlow, providerId: preselectedProvider(), ...initialFlow }));
  // Callers chain steps in one event handler, so they need the new flow before React re-renders.
  const latest = useRef(flow);

  const commit = useCallback((next: BookingFlow) => {
    latest.current = next;
    setFlow(next);
    return next;
  }, []);

  const startIntake = useCallback<BookingFlowApi['startIntake']>(
    ({ kind, intakeId, intakeSignature, visitTypeId = null }) =>
      // The provider chosen earlier in this tab (on a first try at the times) stays chosen.
      commit({ ...emptyFlow, kind, intakeId, intakeSignature, visitTypeId, providerId: latest.current.providerId, idempotencyKey: crypto.randomUUID() }),
    [commit],
  );
  const chooseSlot = useCallback<BookingFlowApi['chooseSlot']>(
    (slot) => commit({ ...latest.current, rescheduleVisitId: null, slot, idempotencyKey: crypto.randomUUID() }),
    [commit],
  );
  const chooseRescheduleSlot = useCallback<BookingFlowApi['chooseRescheduleSlot']>(
    (visitId, slot) => commit({ ...emptyFlow, rescheduleVisitId: visitId, slot, idempotencyKey: crypto.randomUUID() }),
    [commit],
  );
  const chooseProvider = useCallback<BookingFlowApi['chooseProvider']>(
    (providerId) => {
      // Another provider's times: the time chosen for the last one is not theirs.
      if (providerId !== latest.current.providerId) commit({ ...latest.current, providerId, slot: null });
    },
    [commit],
  );
  const markPaymentStep = useCallback(() => {
    if (!latest.current.paymentStep) commit({ ...latest.current, paymentStep: true });
  }, [commit]);
  const reset = useCallback(() => {
    commit(emptyFlow);
  }, [commit]);

  const value = useMemo(
    () => ({ flow, startIntake, chooseProvider, chooseSlot, chooseRescheduleSlot, markPaymentStep, reset }),
    [flow, startIntake, chooseProvider, chooseSlot, chooseRescheduleSlot, markPaymentStep, reset],
  );
  return <BookingFlowContext.Provider value={value}>{children}</BookingFlowContext.Provider>;
}

/** Whether this booking has shown the payment step; false outside a booking. */
export function usePaymentStepShown(): boolean {
  return useContext(BookingFlowContext)?.flow.paymentStep ?? false;
}

export function useBookingFlow(): BookingFlowApi {
  const api = useContext(BookingFlowContext);
  if (!api) throw new Error('useBookingFlow must be used inside BookingFlowProvider');
  return api;
}
