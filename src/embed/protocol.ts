/**
 * The embed protocol, shared by the host script (embed.js, on the health system's page) and the
 * iframe (the SPA). Every message is `{source: 'frontdesk', version: 1, type, data}`; both sides
 * post only to one exact origin and drop anything from another. No PHI crosses beyond ids and times.
 * No dependencies here: embed.js must stay tiny.
 */
export const SOURCE = 'frontdesk';
export const VERSION = 1;

/** iframe → host */
export interface FrameEvents {
  ready: Record<string, never>;
  resize: { height: number };
  page: { name: string };
  booked: { visitId: string; kind: string; start: string };
  'walkin-joined': { visitId: string };
  cancelled: { visitId: string };
  handoff: { target: string };
  error: { code: string };
}
/** host → iframe */
export interface HostCommands {
  launch: { token: string };
  config: { lang: string };
  /**
   * How far down the frame the patient's screen reaches, in the frame's CSS pixels (0 to the
   * frame's height). The frame is as tall as its content, so its own bottom is usually below the
   * screen: this is where its pinned bar goes (decision 064). Sent on scroll, resize and zoom.
   */
  viewport: { visibleBottom: number };
}

export type Message<M, K extends keyof M = keyof M> = { source: typeof SOURCE; version: typeof VERSION; type: K; data: M[K] };

export function envelope<M, K extends keyof M>(type: K, data: M[K]): Message<M, K> {
  return { source: SOURCE, version: VERSION, type, data };
}

/** Structural check of an incoming message; the payload is checked per type by the receiver. */
export function isEnvelope(v: unknown): v is { source: string; version: number; type: string; data: Record<string, unknown> } {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return m.source === SOURCE && m.version === VERSION && typeof m.type === 'string' && typeof m.data === 'object' && m.data !== null;
}

export const FLOWS = ['appointment', 'walkin', 'econsult', 'visits'] as const;
export type Flow = (typeof FLOWS)[number];

/** Path inside frontdesk each flow starts at. */
export const FLOW_PATHS: Record<Flow | 'start', string> = {
  start: '/',
  appointment: '/book/appointment/details',
  walkin: '/book/walkin/details',
  econsult: '/book/econsult/details',
  visits: '/visits',
};

/** The provider's page (`mode: 'staff'`). */
export const STAFF_PATH = '/staff';

/** A room code as provisioning hands it out; it goes into the frame's path `/r/{code}`. */
export const ROOM_CODE = /^[A-Za-z0-9_-]{1,64}$/;
