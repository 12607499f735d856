/**
 * Embed mode, shared by every layer: whether frontdesk runs in a health system's iframe, the one
 * origin it may talk to, and what the page must show because of it. Decided once at startup
 * (src/embed/frame.ts) and kept in memory only. Outside embed mode every call here is a no-op.
 */
import { useSyncExternalStore } from 'react';
import { envelope, type FrameEvents } from '../embed/protocol';
import { setLanguage, supportedLanguage } from './i18n/language';

export interface EmbedStatus {
  /** The host's launch token: being checked, accepted, or refused (with what to tell the patient). */
  launch: 'idle' | 'pending' | 'done' | 'failed';
  launchError: 'expired' | 'failed' | null;
  /** The refused launch's request id, for the patient to quote. */
  launchReference?: string | null;
  /** The browser refused the session cookie in this frame. */
  cookiesBlocked: boolean;
}

const idle: EmbedStatus = { launch: 'idle', launchError: null, cookiesBlocked: false };

let parentOrigin: string | null = null;
let lang: string | null = null;
let status = idle;
let listeners: (() => void)[] = [];
/** Set by a sign-in in embed mode; the GET /api/session sent after it tells whether the cookie stuck. */
let cookieTicket = 0;
let tickets = 0;

/** Only src/embed/frame.ts calls this, once at startup (and tests, to start clean). */
export function setEmbedParent(origin: string | null): void {
  parentOrigin = origin;
  lang = null;
  status = idle;
  cookieTicket = 0;
  listeners.forEach((listener) => listener());
}

export const embedParent = (): string | null => parentOrigin;
export const isEmbedded = (): boolean => parentOrigin !== null;
export const embedLang = (): string | null => lang;

/** The host's language: the pages switch to it when we speak it (and set the document's `lang` then). */
export function setEmbedLang(value: string): void {
  lang = value;
  const supported = supportedLanguage(value);
  if (supported) void setLanguage(supported);
}

/**
 * Tell the host page what happened. Only ids, kinds and times: never a name, birth date, email,
 * reason, portal URL or token. Always to the exact parent origin, never '*'.
 */
export function emitEmbed<K extends keyof FrameEvents>(type: K, data: FrameEvents[K]): void {
  if (parentOrigin !== null) window.parent.postMessage(envelope<FrameEvents, K>(type, data), parentOrigin);
}

export const embedStatus = (): EmbedStatus => status;

export function setEmbedStatus(change: Partial<EmbedStatus>): void {
  status = { ...status, ...change };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

export function useEmbedStatus(): EmbedStatus {
  return useSyncExternalStore(subscribe, () => status, () => status);
}

/** A sign-in just set the session cookie (embed mode): the next GET /api/session checks it arrived. */
export function expectSessionCookie(): void {
  if (parentOrigin !== null) cookieTicket = ++tickets;
}

/**
 * Call as GET /api/session is sent, then call the result with its answer. Only a request sent
 * after the sign-in counts (one already under way was sent without the cookie): if it finds
 * nobody signed in, the browser refused the third-party cookie.
 */
export function watchSessionAnswer(): (signedIn: boolean) => void {
  const ticket = cookieTicket;
  return (signedIn) => {
    if (ticket === 0 || ticket !== cookieTicket) return;
    cookieTicket = 0;
    if (!signedIn && !status.cookiesBlocked) {
      setEmbedStatus({ cookiesBlocked: true });
      emitEmbed('error', { code: 'cookies_blocked' });
    }
  };
}
