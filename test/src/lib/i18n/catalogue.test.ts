/**
 * The catalogue beyond what the type-checker sees: Spanish has exactly English's keys, says
 * something of its own for each (untranslated copies are caught), and keeps every placeholder.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../../src/lib/i18n/en';
import { es } from '../../../../src/lib/i18n/es';
import { format, pickLanguage, supportedLanguage } from '../../../../src/lib/i18n/language';

/** Every text with its dotted key ("start.welcome"). */
function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') {
    out.set(prefix, node);
    return out;
  }
  if (typeof node !== 'object' || node === null) throw new Error(`${prefix}: not a text or a group`);
  for (const [key, value] of Object.entries(node)) {
    for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

/** Texts that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set(['common.errorPrefix', 'staffStatus.vendorHeading', 'staffStatus.seconds', 'staffStatus.minutes', 'picker.dayWithCount', 'choices.no']);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const english = leaves(en);
const spanish = leaves(es);

describe('the Spanish catalogue', () => {
  it('has exactly the English keys', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('translates every text, except the few that are the same in both languages', () => {
    const copied = [...english].filter(([key, text]) => spanish.get(key) === text && !SAME_IN_BOTH.has(key)).map(([key]) => key);
    expect(copied).toEqual([]);
    // The allow-list holds only what really is the same.
    for (const key of SAME_IN_BOTH) expect(spanish.get(key)).toBe(english.get(key));
  });

  it('keeps every placeholder, and adds none', () => {
    const mismatched = [...english]
      .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(spanish.get(key) ?? '')))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has no empty text and no stray braces', () => {
    for (const [key, text] of [...english, ...spanish]) {
      expect(text.trim(), key).not.toBe('');
      expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
    }
  });

  it('counts in pairs (one, other)', () => {
    expect(es.time.minutes).toEqual({ one: '{count} minuto', other: '{count} minutos' });
    expect(Object.keys(es.scheduling.timeCount).sort()).toEqual(['one', 'other']);
  });
});

describe('a test that would catch a gap', () => {
  it('notices a missing key, a copied text and a lost placeholder', () => {
    const broken = { ...es, start: { ...es.start, welcome: en.start.welcome }, layout: { ...es.layout, embeddedMain: 'Citas' } };
    const damaged = leaves({ ...broken, layout: Object.fromEntries(Object.entries(broken.layout).filter(([key]) => key !== 'skipLink')) });
    expect([...damaged.keys()].sort()).not.toEqual([...english.keys()].sort());
    expect(damaged.get('start.welcome')).toBe(english.get('start.welcome'));
    expect(placeholders(damaged.get('layout.embeddedMain') ?? '')).not.toEqual(placeholders(english.get('layout.embeddedMain') ?? ''));
  });
});

describe('choosing the language', () => {
  it.each([
    [{ embed: 'es' }, 'es'],
    [{ embed: 'es-MX', search: 'en' }, 'es'],
    [{ embed: 'fr', search: 'es' }, 'es'],
    [{ search: 'ES' }, 'es'],
    [{ search: 'en', browser: ['es-MX'] }, 'en'],
    [{ browser: ['es-MX', 'en-US'] }, 'es'],
    [{ browser: ['fr-FR', 'es-419'] }, 'es'],
    [{ browser: ['fr-FR', 'de'] }, 'en'],
    [{ search: 'klingon' }, 'en'],
    [{}, 'en'],
  ] as const)('%j → %s', (sources, expected) => {
    expect(pickLanguage({ ...sources, browser: 'browser' in sources ? sources.browser : [] })).toBe(expected);
  });

  it('speaks only English and Spanish', () => {
    expect(supportedLanguage('es_US')).toBe('es');
    expect(supportedLanguage('eng')).toBeNull();
    expect(supportedLanguage('')).toBeNull();
    expect(supportedLanguage(null)).toBeNull();
  });

  it('fills placeholders and shows a missing one rather than dropping it', () => {
    expect(format(es.scheduling.timesOn, { day: 'martes, 24 de noviembre' })).toBe('Horarios del martes, 24 de noviembre');
    expect(format('{a} y {b}', { a: 1 })).toBe('1 y {b}');
  });
});
