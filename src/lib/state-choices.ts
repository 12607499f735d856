/**
 * The states the visit details offer, and the one they start from: the area the patient chose on
 * the start page (service-area.ts). Apart from it, so the first download does not carry the list
 * of states (docs/decisions/068-first-page-bytes.md).
 */
import type { Clinic } from '../api/contract';
import type { BookingKind } from './booking-flow';
import { currentArea } from './service-area';
import { US_STATES } from './us-states';

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
  const code = clinic?.serviceAreas?.find((a) => a.id === currentArea())?.code ?? '';
  return stateChoices(clinic, kind).some(([c]) => c === code) ? code : '';
}
