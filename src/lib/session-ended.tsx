/**
 * A 401 from any call (GET /api/session answers nobody with a 200) means the patient's session ended (idle or absolute
 * timeout). The query caches report it here; the layout swaps the page for a "start again" screen.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

export class SessionEndedSignal {
  private ended = false;
  private listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  readonly isEnded = () => this.ended;
  readonly end = () => this.set(true);
  readonly clear = () => this.set(false);
  private set(value: boolean) {
    if (this.ended === value) return;
    this.ended = value;
    this.listeners.forEach((listener) => listener());
  }
}

const SessionEndedContext = createContext<SessionEndedSignal | null>(null);

export function SessionEndedProvider({ signal, children }: { signal: SessionEndedSignal; children: ReactNode }) {
  return <SessionEndedContext.Provider value={signal}>{children}</SessionEndedContext.Provider>;
}

export function useSessionEnded(): { ended: boolean; clear: () => void } {
  const signal = useContext(SessionEndedContext);
  if (!signal) throw new Error('useSessionEnded must be used inside SessionEndedProvider');
  const ended = useSyncExternalStore(signal.subscribe, signal.isEnded, signal.isEnded);
  return { ended, clear: signal.clear };
}
