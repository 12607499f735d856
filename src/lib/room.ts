/**
 * The provider's room a patient came in through (`/r/{roomCode}`, or `Frontdesk.mount(el,
 * {room})`): the start page, settings, availability and bookings are then that room's. Kept for
 * this tab only (sessionStorage: a room code is public, not PHI), so a reload keeps the room;
 * null means the clinic's own room.
 */
import { useSyncExternalStore } from 'react';
import { roomCode } from '../api/first-page-contract';

const KEY = 'frontdesk.room';
let current: string | null = null;
let listeners: (() => void)[] = [];

function stored(): string | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    return raw !== null && roomCode.safeParse(raw).success ? raw : null;
  } catch {
    return null; // storage blocked (a third-party frame): the room lasts as long as the page
  }
}

/** Once at startup (main.tsx): the room this tab was already in. */
export function initRoom(): void {
  current = stored();
}

export const currentRoom = (): string | null => current;

/** Enter a provider's room (a valid code) or go back to the clinic's (null). */
export function setRoom(code: string | null): void {
  const next = code !== null && roomCode.safeParse(code).success ? code : null;
  if (next === current) return;
  current = next;
  try {
    if (next === null) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, next);
  } catch {
    // kept in memory only
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

export function useRoom(): string | null {
  return useSyncExternalStore(subscribe, currentRoom, currentRoom);
}
