/**
 * Where the patient said they are on the start page (a service area's id: a state code, a DexCare
 * region, or "somewhere else"). Kept in memory only — where someone is, is theirs — so a reload
 * asks again; the visit details start from it.
 */
import { useSyncExternalStore } from 'react';
import type { Clinic } from '../api/contract';
import type { BookingKind } from './booking-flow';
import { US_STATES } from './us-states';

let current: string | null = null;
let listeners: (() => void)[] = [];

export const currentArea = (): string | null => current;

export function setArea(id: string | null): void {
  if (id === current) return;
  current = id;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

export function useArea(): string | null {
  return useSyncExternalStore(subscribe, currentArea, currentArea);
}

/**
 * The states the visit details offer: a clinic with service areas offers only the states it
 * serves (the server refuses the others anyway), except for an e-consult, which the out-of-area
 * page offers to patients anywhere; other clinics every state.
 */
export function stateChoices(clinic: Clinic | undefined, kind: BookingKind): ReadonlyArray<readonly [string, string]> {
  if (!clinic?.capabilities.serviceAreas || !clinic.serviceAreas || kind === 'econsult') return US_STATES;
  return clinic.serviceAreas.flatMap((a) => (!a.outOfArea && a.code ? [[a.code, a.name] as const] : []));
}

/** The state of the area chosen on the start page, to start the visit details from. */
export function chosenState(clinic: Clinic | undefined, kind: BookingKind): string {
  const code = clinic?.serviceAreas?.find((a) => a.id === current)?.code ?? '';
  return stateChoices(clinic, kind).some(([c]) => c === code) ? code : '';
}
