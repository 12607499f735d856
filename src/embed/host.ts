/**
 * embed.js — the one script a health system adds to its page:
 *
 *   const fd = Frontdesk.mount(el, { flow, lang, launchToken, onEvent });  fd.destroy();
 *   Frontdesk.mount(el, { room: 'k3x9q' })                  a provider's own waiting room
 *   Frontdesk.mount(el, { provider: '10003' })              a named provider chosen in advance (the room's public id)
 *   Frontdesk.mount(el, { mode: 'staff', launchToken })     a provider (launch token with frontdesk_role "provider")
 *   <div data-frontdesk data-flow="walkin"></div>   (declarative form)
 *
 * It creates the iframe, sizes it to its content, hands the launch token over by postMessage
 * (never in a URL), and re-emits the frame's events as `frontdesk:<type>` DOM events on the
 * container. It talks only to frontdesk's exact origin and ignores every other message.
 */
import { envelope, FLOW_PATHS, FLOWS, isEnvelope, ROOM_CODE, STAFF_PATH, type Flow, type FrameEvents, type HostCommands } from './protocol';

export interface MountOptions {
  /** `staff`: the provider's page (/staff) instead of the patient's booking. */
  mode?: 'patient' | 'staff';
  /** A provider's room code (the `roomCode` provisioning answered): patients book in that room. */
  room?: string;
  /** A provider of the room, preselected on the provider step (their public id from the room's provider list). */
  provider?: string;
  flow?: Flow;
  lang?: string;
  /** The clinic's colour as `#rrggbb`, used when white text on it reads at WCAG AA. */
  brandColor?: string;
  launchToken?: string;
  onEvent?: (event: { type: keyof FrameEvents; data: unknown }) => void;
}

const script = document.currentScript as HTMLScriptElement | null;
const FRONTDESK = new URL(script?.src ?? location.href).origin;
const MIN_HEIGHT = 200;
const MAX_HEIGHT = 20_000;

function mount(container: HTMLElement, options: MountOptions = {}) {
  const flow = options.flow && (FLOWS as readonly string[]).includes(options.flow) ? options.flow : 'start';
  const staff = options.mode === 'staff';
  const room = typeof options.room === 'string' && ROOM_CODE.test(options.room) ? options.room : null;
  const path = staff ? STAFF_PATH : room ? `/r/${room}` : FLOW_PATHS[flow];
  const url = new URL(path, FRONTDESK);
  url.searchParams.set('embed', '1');
  // The frame posts only to this origin; frontdesk's frame-ancestors policy guarantees that only
  // allowlisted sites can frame it at all.
  url.searchParams.set('parent', location.origin);
  if (options.lang) url.searchParams.set('lang', options.lang);
  if (options.brandColor) url.searchParams.set('brand', options.brandColor);
  if (typeof options.provider === 'string' && /^[0-9A-Za-z_-]{1,40}$/.test(options.provider)) url.searchParams.set('provider', options.provider);

  const frame = document.createElement('iframe');
  frame.src = url.href;
  frame.title = staff ? 'Telehealth for providers' : 'Book a telehealth visit';
  frame.allow = 'camera; microphone; fullscreen; display-capture';
  frame.setAttribute('scrolling', 'no');
  frame.style.cssText = `display:block;width:100%;border:0;height:${MIN_HEIGHT}px;overflow:hidden`;
  container.replaceChildren(frame);

  let token = options.launchToken;
  const send = <K extends keyof HostCommands>(type: K, data: HostCommands[K]) =>
    frame.contentWindow?.postMessage(envelope<HostCommands, K>(type, data), FRONTDESK);

  // The frame is as tall as its content, so it cannot see where the screen ends: tell it how far
  // down it the screen reaches (the visual viewport: pinch zoom and an on-screen keyboard count),
  // once per animation frame and only when that changed. Its pinned bar sits there (decision 064).
  let viewportPending = 0;
  let visibleBottom = -1;
  const postViewport = () => {
    viewportPending = 0;
    const rect = frame.getBoundingClientRect();
    const screen = window.visualViewport;
    const screenBottom = screen ? screen.offsetTop + screen.height : window.innerHeight;
    const bottom = Math.min(rect.height, Math.max(0, screenBottom - rect.top));
    if (bottom === visibleBottom) return;
    visibleBottom = bottom;
    send('viewport', { visibleBottom: bottom });
  };
  const onViewportChange = () => {
    viewportPending ||= requestAnimationFrame(postViewport);
  };
  // Capture: a page that scrolls inside its own container moves the frame too.
  window.addEventListener('scroll', onViewportChange, { capture: true, passive: true });
  window.addEventListener('resize', onViewportChange);
  window.visualViewport?.addEventListener('resize', onViewportChange);
  window.visualViewport?.addEventListener('scroll', onViewportChange);
  const frameSize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onViewportChange);
  frameSize?.observe(frame);

  function onMessage(event: MessageEvent) {
    if (event.origin !== FRONTDESK || event.source !== frame.contentWindow || !isEnvelope(event.data)) return;
    const { type, data } = event.data;
    if (type === 'ready') {
      if (token) send('launch', { token });
      token = undefined; // single use: never resent, never kept
      if (options.lang) send('config', { lang: options.lang });
      // A (re)loaded frame knows nothing yet.
      visibleBottom = -1;
      onViewportChange();
    } else if (type === 'resize') {
      const h = Number(data.height);
      if (Number.isFinite(h)) frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(h)))}px`;
    }
    options.onEvent?.({ type: type as keyof FrameEvents, data });
    container.dispatchEvent(new CustomEvent(`frontdesk:${type}`, { detail: data }));
  }
  window.addEventListener('message', onMessage);

  return {
    frame,
    destroy() {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('scroll', onViewportChange, { capture: true });
      window.removeEventListener('resize', onViewportChange);
      window.visualViewport?.removeEventListener('resize', onViewportChange);
      window.visualViewport?.removeEventListener('scroll', onViewportChange);
      frameSize?.disconnect();
      cancelAnimationFrame(viewportPending);
      frame.remove();
    },
  };
}

function mountDeclared() {
  for (const el of document.querySelectorAll<HTMLElement>('[data-frontdesk]')) {
    if (el.dataset.frontdeskMounted) continue;
    el.dataset.frontdeskMounted = '1';
    mount(el, { flow: el.dataset.flow as Flow | undefined, lang: el.dataset.lang, brandColor: el.dataset.brandColor, provider: el.dataset.provider });
  }
}

const api = { mount, version: 1 };
(window as unknown as { Frontdesk: typeof api }).Frontdesk = api;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountDeclared);
else mountDeclared();
