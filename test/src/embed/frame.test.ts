import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageName } from '../../../src/app/page-name';
import { initEmbed, parseEmbedParent, startFrame } from '../../../src/embed/frame';
import { embedLang, embedParent, embedStatus, emitEmbed, isEmbedded } from '../../../src/lib/embed';
import { currentLanguage } from '../../../src/lib/i18n/language';
import { GOOD_LAUNCH_TOKEN, installFakeApi } from '../../support/fake-api';
import { config, enterEmbedMode, fromHost, HOST, launch, leaveEmbedMode, sent, sentOf, settle, viewport } from './embed-support';

afterEach(() => {
  leaveEmbedMode();
});

describe('embed mode', () => {
  it('is on for ?embed=1 with an exact origin, and takes its params out of the address', async () => {
    enterEmbedMode('/book/walkin/details', { extra: '&lang=es&keep=1' });

    expect(isEmbedded()).toBe(true);
    expect(embedParent()).toBe(HOST);
    expect(window.location.pathname).toBe('/book/walkin/details');
    expect(window.location.search).toBe('?keep=1');
    expect(document.documentElement).toHaveClass('embedded');
    expect(embedLang()).toBe('es');
    // Once the Spanish words are here (their own chunk), the page says it speaks Spanish.
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
  });

  it.each([
    ['*'],
    ['null'],
    [''],
    ['https://health.example/'],
    ['https://health.example/book'],
    ['https://nurse@health.example'],
    ['javascript:alert(1)'],
    ['ftp://health.example'],
    ['health.example'],
  ])('is off when parent is %j, and still cleans the address', (parent) => {
    const host = enterEmbedMode('/visits', { parent, extra: '&lang=es' });

    expect(isEmbedded()).toBe(false);
    expect(window.location.pathname).toBe('/visits');
    // Not embedded: `lang` was not ours to consume.
    expect(window.location.search).toBe('?lang=es');
    expect(document.documentElement).not.toHaveClass('embedded');
    emitEmbed('page', { name: 'visits' });
    expect(host.postMessage).not.toHaveBeenCalled();
  });

  it('is off without embed=1', () => {
    expect(parseEmbedParent(new URLSearchParams({ parent: HOST }))).toBeNull();
    expect(parseEmbedParent(new URLSearchParams({ embed: 'true', parent: HOST }))).toBeNull();
    expect(parseEmbedParent(new URLSearchParams({ embed: '1', parent: HOST }))).toBe(HOST);
    expect(parseEmbedParent(new URLSearchParams({ embed: '1', parent: 'http://127.0.0.1:8090' }))).toBe('http://127.0.0.1:8090');
  });

  it('posts to the exact parent origin, never to "*"', () => {
    const host = enterEmbedMode('/');

    emitEmbed('page', { name: 'start' });
    emitEmbed('resize', { height: 640 });

    expect(host.postMessage.mock.calls).toEqual([
      [{ source: 'frontdesk', version: 1, type: 'page', data: { name: 'start' } }, HOST],
      [{ source: 'frontdesk', version: 1, type: 'resize', data: { height: 640 } }, HOST],
    ]);
  });

  it('does nothing at all outside embed mode', () => {
    const host = { postMessage: vi.fn() };
    vi.stubGlobal('parent', host);
    initEmbed();
    const api = installFakeApi();

    const stop = startFrame(() => {});
    fromHost(launch(GOOD_LAUNCH_TOKEN));
    emitEmbed('ready', {});
    stop();

    expect(host.postMessage).not.toHaveBeenCalled();
    expect(api.calls).toEqual([]);
  });
});

describe('messages from the host', () => {
  it('says ready once, even when started twice (StrictMode)', () => {
    const host = enterEmbedMode('/');
    startFrame(() => {})();
    const stop = startFrame(() => {});

    expect(sent(host)).toEqual([['ready', {}]]);
    stop();
  });

  it('ignores messages from another origin, a look-alike origin or another window', async () => {
    const api = installFakeApi();
    enterEmbedMode('/');
    const stop = startFrame(() => {});

    fromHost(launch(GOOD_LAUNCH_TOKEN), { origin: 'https://evil.example' });
    fromHost(launch(GOOD_LAUNCH_TOKEN), { origin: 'https://health.example.evil.com' });
    fromHost(launch(GOOD_LAUNCH_TOKEN), { origin: 'http://health.example' });
    fromHost(launch(GOOD_LAUNCH_TOKEN), { source: window });
    fromHost(launch(GOOD_LAUNCH_TOKEN), { source: null });
    await settle();
    expect(api.callsTo('POST /api/session/launch')).toEqual([]);

    // The same message from the real host is heard.
    fromHost(launch(GOOD_LAUNCH_TOKEN));
    await settle();
    expect(api.callsTo('POST /api/session/launch')).toHaveLength(1);
    stop();
  });

  it('ignores a malformed message or payload', async () => {
    const api = installFakeApi();
    const host = enterEmbedMode('/');
    const stop = startFrame(() => {});

    fromHost({ type: 'launch', data: { token: GOOD_LAUNCH_TOKEN } });
    fromHost({ ...launch(GOOD_LAUNCH_TOKEN), version: 2 });
    fromHost({ ...launch(GOOD_LAUNCH_TOKEN), source: 'someone-else' });
    fromHost(JSON.stringify(launch(GOOD_LAUNCH_TOKEN)));
    fromHost({ ...launch(''), data: { token: 42 } });
    fromHost(launch(''));
    fromHost(launch('x'.repeat(8193)));
    fromHost({ ...launch(GOOD_LAUNCH_TOKEN), data: null });
    fromHost(config('x'.repeat(36)));
    fromHost({ ...config('es'), data: { lang: ['es'] } });
    await settle();

    expect(api.calls).toEqual([]);
    expect(embedLang()).toBeNull();
    expect(sent(host)).toEqual([['ready', {}]]);
    stop();
  });

  it('signs the host’s patient in once, with the token in the body', async () => {
    const api = installFakeApi();
    enterEmbedMode('/');
    const onLaunched = vi.fn();
    const stop = startFrame(onLaunched);

    fromHost(launch(GOOD_LAUNCH_TOKEN));
    fromHost(launch(GOOD_LAUNCH_TOKEN));
    await settle();
    fromHost(launch('another-token'));
    await settle();

    const launches = api.callsTo('POST /api/session/launch');
    expect(launches).toHaveLength(1);
    expect(launches[0]?.body).toEqual({ token: GOOD_LAUNCH_TOKEN });
    expect(launches[0]?.headers.get('X-Frontdesk')).toBe('1');
    expect(launches[0]?.query.toString()).toBe('');
    expect(onLaunched).toHaveBeenCalledTimes(1);
    expect(embedStatus().launch).toBe('done');
    stop();
  });

  it('tells the patient and the host when the token is refused', async () => {
    installFakeApi();
    const host = enterEmbedMode('/');
    const onLaunched = vi.fn();
    const stop = startFrame(onLaunched);

    fromHost(launch('expired-token'));
    await settle();

    expect(onLaunched).not.toHaveBeenCalled();
    expect(embedStatus()).toMatchObject({ launch: 'failed', launchError: 'expired' });
    expect(sentOf(host, 'error')).toEqual([{ code: 'launch_failed' }]);
    stop();
  });

  it('keeps the host’s language and sets the page’s when it is one we speak', async () => {
    enterEmbedMode('/');
    const stop = startFrame(() => {});

    fromHost(config('es'));
    expect(embedLang()).toBe('es');
    await vi.waitFor(() => expect(currentLanguage()).toBe('es'));
    expect(document.documentElement.lang).toBe('es');

    fromHost(config('fr'));
    expect(embedLang()).toBe('fr');
    await settle();
    expect(currentLanguage()).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    stop();
  });
});

describe('where the screen ends (for the pinned Continue bar)', () => {
  const root = document.documentElement;
  const screenBottom = () => root.style.getPropertyValue('--embed-screen-bottom');

  it('takes how far down the frame the host’s screen reaches, from the host only', () => {
    enterEmbedMode('/');
    const stop = startFrame(() => {});
    // Until the host says, the bar stays in the flow (no class, no length).
    expect(root).not.toHaveClass('embed-screen');

    fromHost(viewport(612), { origin: 'https://evil.example' });
    fromHost(viewport(612), { source: window });
    expect(root).not.toHaveClass('embed-screen');

    fromHost(viewport(612));
    expect(root).toHaveClass('embed-screen');
    expect(screenBottom()).toBe('612px');
    fromHost(viewport(740.5));
    expect(screenBottom()).toBe('740.5px');
    stop();
  });

  it.each([[-1], [20_001], [Number.NaN], [Number.POSITIVE_INFINITY], ['700'], ['700px; color: red'], [null]])(
    'ignores %j',
    (visibleBottom) => {
      enterEmbedMode('/');
      const stop = startFrame(() => {});
      fromHost(viewport(300));
      fromHost({ ...viewport(0), data: { visibleBottom } });
      expect(screenBottom()).toBe('300px');
      stop();
    },
  );

  it('forgets it when the page is no longer embedded', () => {
    enterEmbedMode('/');
    const stop = startFrame(() => {});
    fromHost(viewport(300));
    stop();
    leaveEmbedMode();
    expect(root).not.toHaveClass('embed-screen');
    expect(screenBottom()).toBe('');
  });
});

describe('resize', () => {
  /** jsdom has no layout and no ResizeObserver: stand in for both, and run animation frames by hand. */
  function fakeLayout() {
    let height = 0;
    const observers: (() => void)[] = [];
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: () => void) {}
        observe() {
          observers.push(this.callback);
        }
        disconnect() {
          observers.splice(observers.indexOf(this.callback), 1);
        }
      },
    );
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.spyOn(document.body, 'getBoundingClientRect').mockImplementation(() => ({ height }) as DOMRect);
    return {
      /** The content is now this tall; the observer fires (maybe several times in one frame). */
      resize(to: number, times = 1) {
        height = to;
        for (let i = 0; i < times; i += 1) observers.forEach((callback) => callback());
      },
      nextFrame() {
        frames.splice(0).forEach((callback) => callback(0));
      },
      observing: () => observers.length,
    };
  }

  it('posts the content’s height once per frame, and only when it changed', () => {
    const layout = fakeLayout();
    const host = enterEmbedMode('/');
    const stop = startFrame(() => {});

    // Several changes within one frame: one measurement, of where it ended up.
    layout.resize(500);
    layout.resize(812.4, 2);
    expect(sentOf(host, 'resize')).toEqual([]);
    layout.nextFrame();
    layout.resize(812.9);
    layout.nextFrame();
    layout.resize(600);
    layout.nextFrame();
    layout.resize(600);
    layout.nextFrame();

    expect(sentOf(host, 'resize')).toEqual([{ height: 813 }, { height: 600 }]);
    stop();
    expect(layout.observing()).toBe(0);
  });

  it('measures the content, not documentElement.scrollHeight (which cannot shrink below the frame)', () => {
    const layout = fakeLayout();
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 5000 });
    const host = enterEmbedMode('/');
    const stop = startFrame(() => {});

    layout.resize(420);
    layout.nextFrame();

    expect(sentOf(host, 'resize')).toEqual([{ height: 420 }]);
    stop();
    Reflect.deleteProperty(document.documentElement, 'scrollHeight');
  });
});

describe('page names', () => {
  it.each([
    ['/', 'start'],
    ['/book/appointment/details', 'details'],
    ['/book/walkin/details', 'details'],
    ['/book/econsult/details', 'details'],
    ['/book/appointment/payment', 'payment'],
    ['/book/walkin/payment', 'payment'],
    ['/book/appointment/time', 'time'],
    ['/book/appointment/review', 'review'],
    ['/visits', 'visits'],
    ['/visits/4821', 'visit'],
    ['/visits/4821/reschedule', 'reschedule-time'],
    ['/visits/4821/reschedule/review', 'reschedule-review'],
    ['/waiting-room/7001', 'waiting-room'],
    ['/book/maya-okafor/details', 'not-found'],
    ['/book/maya-okafor/payment', 'not-found'],
    ['/visits/4821/extra/4821', 'not-found'],
    ['/nowhere', 'not-found'],
  ])('%s is "%s"', (path, name) => {
    expect(pageName(path)).toBe(name);
  });

  it('never carries an id, whatever the id', () => {
    const names = new Set(['visit', 'reschedule-time', 'reschedule-review', 'waiting-room']);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const segment = encodeURIComponent(id);
        for (const path of [`/visits/${segment}`, `/visits/${segment}/reschedule`, `/waiting-room/${segment}`]) {
          if (!names.has(pageName(path))) return false;
        }
        return true;
      }),
    );
  });
});
