/**
 * Embed mode for component tests: jsdom's page plays the frame, a stub plays `window.parent` (in
 * jsdom the page is its own parent), and messages "from the host" are dispatched on window.
 */
import { act, cleanup } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import { initEmbed } from '../../../src/embed/frame';
import { envelope, type FrameEvents, type HostCommands } from '../../../src/embed/protocol';

export const HOST = 'https://health.example';

export interface HostWindow {
  postMessage: Mock<(message: unknown, targetOrigin: string) => void>;
}

/** Load the frame at `path` the way embed.js does: `?embed=1&parent=<origin>` (plus `extra`). */
export function enterEmbedMode(path = '/', { parent = HOST, extra = '' }: { parent?: string; extra?: string } = {}): HostWindow {
  const host: HostWindow = { postMessage: vi.fn() };
  vi.stubGlobal('parent', host);
  window.history.replaceState(null, '', `${path}?embed=1&parent=${encodeURIComponent(parent)}${extra}`);
  initEmbed();
  return host;
}

/** Back to a plain page; unmount first so no component hears the reset outside act(). */
export function leaveEmbedMode(): void {
  cleanup();
  window.history.replaceState(null, '', '/');
  initEmbed();
  document.documentElement.lang = 'en';
}

/** What the frame told the host: `[type, data]` for every message, in order. */
export function sent(host: HostWindow): [string, unknown][] {
  return host.postMessage.mock.calls.map(([message]) => {
    const { type, data } = message as { type: string; data: unknown };
    return [type, data];
  });
}

/** The data of every message of one type. */
export function sentOf<K extends keyof FrameEvents>(host: HostWindow, type: K): unknown[] {
  return sent(host)
    .filter(([t]) => t === type)
    .map(([, data]) => data);
}

/** A message as embed.js sends it; `origin`/`source` default to the real host. */
export function fromHost(
  data: unknown,
  { origin = HOST, source = window.parent as unknown as MessageEventSource }: { origin?: string; source?: MessageEventSource | null } = {},
): void {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { origin, source, data }));
  });
}

export const launch = (token: string) => envelope<HostCommands, 'launch'>('launch', { token });
export const config = (lang: string) => envelope<HostCommands, 'config'>('config', { lang });
export const viewport = (visibleBottom: number) => envelope<HostCommands, 'viewport'>('viewport', { visibleBottom });

/** Let the fake API's answers (a microtask or two away) arrive. */
export const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
