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
  /** Where the patient is (a state code), asked before an appointment's times (times first, issue 11). */
  area: string | null;
  /**
   * No time shown suited: the patient asked for the clinic's own scheduling page (it needs the
   * intake, so their details are asked first, then the time step hands them off).
   */
  toClinicPage: boolean;
  /**
   * What the patient has typed into the details so far, so going back to the times (or forward
   * again) loses nothing. Memory only, like the rest of the flow: never storage or the URL.
   */
  draft: DetailsDraft | null;
}

/** The details form's values as typed (the form's own shape; checked when submitted). */
export interface DetailsDraft {
  identity?: { firstName: string; lastName: string; dob: string; email: string };
  phone: string;
  reason: string;
  consent: boolean;
  forWhom?: 'self' | 'other';
  other?: { firstName: string; lastName: string; dob: string; relationship: string };
  answers: Record<string, unknown>;
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
  area: null,
  toClinicPage: false,
  draft: null,
};

interface BookingFlowApi {
  flow: BookingFlow;
  /** A new intake starts a new attempt (for a walk-in, the attempt is joining the queue). */
  startIntake(init: { kind: BookingKind; intakeId: string; intakeSignature: string; visitTypeId?: string | null }): BookingFlow;
  /** An appointment's first step: where the patient is and the kind of visit, all the times need. */
  chooseWhere(where: { area: string; visitTypeId: string | null }): void;
  /** None of the times suits: give the details, then go to the clinic's own scheduling page. */
  askClinicPage(): void;
  /** Keep what the patient typed (memory only). */
  saveDraft(draft: DetailsDraft): void;
  /** What was typed last time the form was open (kept by saveDraft). */
  readDraft(): DetailsDraft | null;
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
    ({ kind, intakeId, intakeSignature, visitTypeId = null }) => {
      const { providerId, area, draft, slot, toClinicPage } = latest.current;
      // The provider chosen earlier in this tab stays chosen; an appointment's time was chosen
      // before its intake (times first), so it stays too.
      return commit({
        ...emptyFlow,
        kind,
        intakeId,
        intakeSignature,
        visitTypeId,
        providerId,
        area,
        draft,
        slot: kind === 'appointment' ? slot : null,
        toClinicPage: kind === 'appointment' && toClinicPage,
        idempotencyKey: crypto.randomUUID(),
      });
    },
    [commit],
  );
  const chooseWhere = useCallback<BookingFlowApi['chooseWhere']>(
    ({ area, visitTypeId }) => {
      const now = latest.current;
      const same = now.kind === 'appointment' && now.area === area && now.visitTypeId === visitTypeId;
      // Another place or kind of visit: other times, and an intake made for the old ones is stale.
      commit(
        same
          ? now
          : { ...now, kind: 'appointment', area, visitTypeId, slot: null, intakeId: null, intakeSignature: null, idempotencyKey: null, rescheduleVisitId: null, toClinicPage: false },
      );
    },
    [commit],
  );
  const askClinicPage = useCallback(() => {
    if (!latest.current.toClinicPage) commit({ ...latest.current, toClinicPage: true });
  }, [commit]);
  const saveDraft = useCallback<BookingFlowApi['saveDraft']>((draft) => {
    // No re-render on every key: the form holds its own values; this copy (carried along by
    // the next step's commit) is read when the form mounts again.
    latest.current = { ...latest.current, draft };
  }, []);
  const readDraft = useCallback(() => latest.current.draft, []);
  const chooseSlot = useCallback<BookingFlowApi['chooseSlot']>(
    // A time chosen here after all: the review books it, no handoff to the clinic's page.
    (slot) => commit({ ...latest.current, rescheduleVisitId: null, slot, idempotencyKey: crypto.randomUUID(), toClinicPage: false }),
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
    () => ({ flow, startIntake, chooseWhere, askClinicPage, saveDraft, readDraft, chooseProvider, chooseSlot, chooseRescheduleSlot, markPaymentStep, reset }),
    [flow, startIntake, chooseWhere, askClinicPage, saveDraft, readDraft, chooseProvider, chooseSlot, chooseRescheduleSlot, markPaymentStep, reset],
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
