/**
 * Messages between copies of the proxy (visit events for waiting rooms): publish to all, hear
 * from all. One process alone needs none; several use Redis PUBLISH/SUBSCRIBE (redis-bus.ts).
 * Delivery is best effort — what depends on it has a fallback (the page polls).
 */
export interface EventBus {
  /** Bounded; rejects when the bus cannot take it. */
  publish(message: string): Promise<void>;
  /** Every message published by any copy, this one included. */
  subscribe(onMessage: (message: string) => void): void;
  close(): Promise<void>;
}
