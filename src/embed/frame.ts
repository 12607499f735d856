/**
 * The iframe side of the embed protocol (embed.js, src/embed/host.ts, is the host side). Embed
 * mode is decided once, before the router starts, from `?embed=1&parent=<origin>`; the params then
 * leave the address bar and live in memory only (src/lib/embed.ts). We post only to that exact
 * origin: frontdesk's frame-ancestors policy decides who may frame us at all, so a lying `parent`
 * only means our messages go nowhere. We accept only messages from that origin *and* our parent
 * window, and check every payload before acting on it.
 */
import { setEmbedBrandColor } from '../lib/brand';
import { z } from 'zod/mini';
import { isApiRequestError, isUnauthorized } from '../api/client';
import { launchRequest, type Session } from '../api/first-page-contract';
import { launchSession } from '../api/queries/session';
import {
  embedParent,
  embedStatus,
  emitEmbed,
  expectSessionCookie,
  setEmbedLang,
  setEmbedParent,
  setEmbedStatus,
} from '../lib/embed';
import { isEnvelope } from './protocol';

const configMessage = z.object({ lang: z.string().check(z.minLength(1), z.maxLength(35)) });
/** As far as embed.js ever sizes a frame (its MAX_HEIGHT). */
const viewportMessage = z.object({ visibleBottom: z.number().check(z.minimum(0), z.maximum(20_000)) });


let readyPosted = false;
let lastHeight = -1;

/** The exact origin in `?embed=1&parent=…`, or null: anything but a bare http(s) origin is refused. */
export function parseEmbedParent(search: URLSearchParams): string | null {
  const parent = search.get('embed') === '1' ? search.get('parent') : null;
  if (!parent) return null;
  try {
    const { protocol, origin } = new URL(parent);
    return (protocol === 'https:' || protocol === 'http:') && origin === parent ? parent : null;
  } catch {
    return null;
  }
}

/** Called once in main.tsx, before the router reads the address. */
export function initEmbed(): boolean {
  const url = new URL(window.location.href);
  const parent = parseEmbedParent(url.searchParams);
  const lang = parent ? configMessage.safeParse({ lang: url.searchParams.get('lang') }) : null;
  setEmbedParent(parent);
  readyPosted = false;
  lastHeight = -1;
  // The host's brand colour, used only when white text on it reads at AA (see lib/brand).
  if (parent) setEmbedBrandColor(url.searchParams.get('brand'));
  const params = parent ? ['embed', 'parent', 'lang', 'brand'] : ['embed', 'parent'];
  if (params.some((name) => url.searchParams.has(name))) {
    params.forEach((name) => url.searchParams.delete(name));
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  document.documentElement.classList.toggle('embedded', parent !== null);
  showScreenBottom(null);
  if (lang?.success) setEmbedLang(lang.data.lang);
  return parent !== null;
}

/**
 * Listen to the host, keep it told of our height, and say we are ready. Returns the cleanup.
 * `onLaunched` runs once the host's patient is signed in (the caller refreshes what it shows).
 */
export function startFrame(onLaunched: (signedIn: Session) => void): () => void;
/** The staff page: the host's launch token signs a provider in through `signIn` instead. */
export function startFrame<T>(onLaunched: (signedIn: T) => void, signIn: (token: string) => Promise<T>): () => void;
export function startFrame<T>(onLaunched: (signedIn: T) => void, signIn?: (token: string) => Promise<T>): () => void {
  const parent = embedParent();
  if (parent === null) return () => {};

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== parent || event.source !== window.parent || !isEnvelope(event.data)) return;
    const { type, data } = event.data;
    if (type === 'launch') {
      const parsed = launchRequest.safeParse(data);
      if (parsed.success) void launch(parsed.data.token, onLaunched, signIn);
    } else if (type === 'config') {
      const parsed = configMessage.safeParse(data);
      if (parsed.success) setEmbedLang(parsed.data.lang);
    } else if (type === 'viewport') {
      const parsed = viewportMessage.safeParse(data);
      if (parsed.success) showScreenBottom(parsed.data.visibleBottom);
    }
  };
  window.addEventListener('message', onMessage);
  const stopResize = watchHeight();
  if (!readyPosted) {
    readyPosted = true;
    emitEmbed('ready', {});
  }
  return () => {
    window.removeEventListener('message', onMessage);
    stopResize();
  };
}

/**
 * Where the patient's screen ends inside this frame (from the host), for the stylesheet: the
 * time step's Continue bar sticks there (decision 064). Null: not known, the bar stays in the flow.
 */
function showScreenBottom(visibleBottom: number | null) {
  const root = document.documentElement;
  root.classList.toggle('embed-screen', visibleBottom !== null);
  if (visibleBottom === null) root.style.removeProperty('--embed-screen-bottom');
  else root.style.setProperty('--embed-screen-bottom', `${visibleBottom}px`);
}

/** One sign-in per frame: a launch while one is checked or after one succeeded is ignored. */
async function launch<T>(token: string, onLaunched: (signedIn: T) => void, signIn?: (token: string) => Promise<T>) {
  const state = embedStatus().launch;
  if (state === 'pending' || state === 'done') return;
  setEmbedStatus({ launch: 'pending', launchError: null });
  // Either way the patient is told to go back to the host site: the token is single-use and the
  // host sends it once, so trying again here would not help.
  let signedIn: T;
  try {
    signedIn = signIn ? await signIn(token) : ((await launchSession(token)) as T);
  } catch (error) {
    setEmbedStatus({
      launch: 'failed',
      launchError: isUnauthorized(error) ? 'expired' : 'failed',
      launchReference: isApiRequestError(error) ? (error.reference ?? null) : null,
    });
    emitEmbed('error', { code: 'launch_failed' });
    return;
  }
  // The patient's next "who is signed in?" tells whether the browser kept the cookie.
  if (!signIn) expectSessionCookie();
  setEmbedStatus({ launch: 'done' });
  onLaunched(signedIn);
}

/**
 * The host sizes the frame to our content. Measure the content (body, margins included), never
 * documentElement.scrollHeight: that never shrinks below the frame's own height, so the frame
 * could only ever grow. Once per animation frame, and only when the rounded height changed.
 */
function watchHeight(): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  let pending = 0;
  const measure = () => {
    pending = 0;
    const body = document.body;
    const style = getComputedStyle(body);
    const height = Math.ceil(
      body.getBoundingClientRect().height + (parseFloat(style.marginTop) || 0) + (parseFloat(style.marginBottom) || 0),
    );
    if (height === lastHeight) return;
    lastHeight = height;
    emitEmbed('resize', { height });
  };
  const observer = new ResizeObserver(() => {
    pending ||= requestAnimationFrame(measure);
  });
  observer.observe(document.body);
  return () => {
    observer.disconnect();
    cancelAnimationFrame(pending);
    pending = 0;
  };
}
