/**
 * Every word a patient sees, in English: the source catalogue, kept in two parts so the first page
 * downloads only its own words — `en-first.ts` (the start page and the layout) and `en-later.ts`
 * (every other page, fetched with the first of them). `es.ts` must have the same shape
 * (type `Messages`), so a missing key fails type-check. Placeholders are `{name}` templates filled
 * by `format()` (or `rich()` when a placeholder is an element, such as a link): whole sentences,
 * never glued-together fragments, so a translation can put the words in its own order. Counted
 * words come in `{ one, other }` pairs for `plural()`.
 */
import { enFirst } from './en-first';
import { enLater } from './en-later';

/** The whole English catalogue. The app never imports it as a value (lint): language.ts joins the parts. */
export const en = { ...enFirst, ...enLater } as const;

/** `en`'s shape with every text widened to `string`: what every language must provide. */
type Shape<T> = T extends string ? string : { readonly [K in keyof T]: Shape<T[K]> };
export type Messages = Shape<typeof en>;
