/**
 * Where the patient said they are on the start page (a service area's id: a state code, a DexCare
 * region, or "somewhere else"). Kept in memory only — where someone is, is theirs — so a reload
 * asks again; the visit details start from it (state-choices.ts).
 */
import { useSyncExternalStore } from 'react';

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
