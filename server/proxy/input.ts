import type { Context } from 'hono';
import { z } from 'zod';
import type { FieldErrorCode } from '../../src/api/contract';
import { badRequest, Problem } from './problem';

/** Parses a JSON request body with the contract's schema: malformed JSON or bad fields → 400. */
export async function readBody<T extends z.core.$ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new Problem(400, 'bad_request', 'The request body must be JSON.');
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

export function readQuery<T extends z.core.$ZodType>(c: Context, schema: T): z.output<T> {
  const parsed = z.safeParse(schema, c.req.query());
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}

/**
 * Control, format (bidi overrides, zero-width), separator and private-use characters: invisible
 * or reordering in a provider's list, so a patient could pass for "Dr. Amara Okafor". Refused in
 * names rather than stripped, so what VSee shows is what the patient typed.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;

/** Refuses names with hidden characters: 400 naming each field (`invalid`: the page says "Check your first name"). */
export function plainNames(names: Record<string, string>) {
  const fields: Record<string, FieldErrorCode> = {};
  for (const [field, value] of Object.entries(names)) if (HIDDEN.test(value)) fields[field] = 'invalid';
  if (Object.keys(fields).length) {
    throw new Problem(400, 'bad_request', 'Please use only letters, spaces and punctuation in names.', fields);
  }
}
