/**
 * The language the pages speak: English (the first page's words in the main bundle, the other
 * pages' words fetched with the first of them) or Spanish (its own chunk, fetched only when a
 * patient needs it). Chosen at start from the host site's `lang` (embed mode), then a
 * `?lang=` parameter, then the browser's languages; the patient can switch in the header. Kept in
 * memory only, like the booking flow and the chosen time zone: never written to storage.
 */
import { useSyncExternalStore } from 'react';
import type { Messages } from './en';
import { enFirst } from './en-first';
import { format } from './format';

/** Fill a `{name}` template; a placeholder without a value stays visible rather than vanishing. */
export { format };

export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language's name in itself: what the switch offers (marked with its own `lang`). */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', es: 'Español' };

/** The Intl locale for dates and times: Spanish as used in the US ("9:00 a.m."). */
const LOCALES: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

/**
 * The English catalogue as far as it is here: the first page's sections until a later page asks for
 * the rest (`laterWords()`), which is then added to this same object. Typed whole: the first page
 * reads only its own sections (test/src/lib/i18n/first-page-words.test.tsx), and every later page
 * renders only once the rest is here.
 */
const english = { ...enFirst } as unknown as Messages;
let englishLater: Promise<void> | undefined;
let englishWhole = false;
/** A later page has asked for its words: English from now on means the whole catalogue. */
let laterWanted = false;

function completeEnglish(): Promise<void> {
  englishLater ??= import('./en-later').then(
    ({ enLater }) => {
      Object.assign(english, enLater);
      englishWhole = true;
    },
    (error: unknown) => {
      // Offline or a new deploy: the next page asks again.
      englishLater = undefined;
      throw error;
    },
  );
  return englishLater;
}

const loaders: Record<Lang, () => Promise<Messages>> = {
  en: async () => {
    if (laterWanted) await completeEnglish();
    return english;
  },
  es: async () => (await import('./es')).es,
};

interface State {
  lang: Lang;
  messages: Messages;
}

let state: State = { lang: 'en', messages: english };
let requested = 0;
const listeners = new Set<() => void>();

/** 'en' or 'es' for a BCP 47 tag we speak ("es-MX" → 'es'); null for any other. */
export function supportedLanguage(tag: string | null | undefined): Lang | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Lang) : null;
}

/** The first language we speak among, in order: the embed's, the address's, the browser's; else English. */
export function pickLanguage(sources: {
  embed?: string | null;
  search?: string | null;
  browser?: readonly string[];
}): Lang {
  const candidates = [sources.embed, sources.search, ...(sources.browser ?? [])];
  for (const tag of candidates) {
    const lang = supportedLanguage(tag);
    if (lang) return lang;
  }
  return 'en';
}

function commit(next: State) {
  state = next;
  document.documentElement.lang = next.lang;
  listeners.forEach((listener) => listener());
}

/**
 * Switch to a language once its words are here (the page never shows one language's words under
 * another's `lang`). The last request wins, even if an earlier one finishes loading later. Never
 * rejects: if the words cannot load, the page keeps its language.
 */
export async function setLanguage(lang: Lang): Promise<void> {
  const mine = ++requested;
  let messages: Messages;
  try {
    messages = await loaders[lang]();
    // A later page asked for its words while the first page's English was on its way.
    while (lang === 'en' && laterWanted && !englishWhole) messages = await loaders[lang]();
  } catch {
    // The chunk did not load (offline, a new deploy): the page stays in the language it speaks.
    return;
  }
  if (mine !== requested) return;
  if (state.lang !== lang || state.messages !== messages) commit({ lang, messages });
  else document.documentElement.lang = lang;
}

/** Back to English at once (tests start from it; a pending switch is dropped). */
export function resetLanguage(): void {
  requested += 1;
  commit({ lang: 'en', messages: english });
}

/**
 * The words of every page after the first, in the language on screen: each of the router's later
 * pages loads them with its code, so it never renders without them. Spanish is one chunk, already
 * here; English fetches its second part once (and a switch to English from then on waits for it).
 */
export function laterWords(): Promise<void> {
  laterWanted = true;
  return state.lang === 'en' ? completeEnglish() : Promise.resolve();
}

export const currentLanguage = (): Lang => state.lang;
export const currentMessages = (): Messages => state.messages;
export const currentLocale = (): string => LOCALES[state.lang];

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const snapshot = () => state;

/** The words to show and their language; re-renders when the patient switches. */
export function useI18n(): { t: Messages; lang: Lang; locale: string } {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  return { t: current.messages, lang: current.lang, locale: LOCALES[current.lang] };
}


/** The `{ one, other }` form for this count, by the language's plural rules, with `{count}` filled. */
export function plural(forms: { one: string; other: string }, count: number): string {
  const form = new Intl.PluralRules(currentLocale()).select(count) === 'one' ? forms.one : forms.other;
  return format(form, { count });
}
