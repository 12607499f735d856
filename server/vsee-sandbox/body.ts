/**
 * Request parameters the way VSee's PHP backend reads them: query string merged with a body that
 * may be JSON, form-urlencoded or multipart (all three appear in VSee's own samples).
 */
import type { Context } from 'hono';

export type Params = Record<string, unknown>;

export class BadBody extends Error {}

export async function readParams(c: Context): Promise<Params> {
  const params: Params = { ...c.req.query() };
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return params;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const text = await c.req.text();
    if (!text.trim()) return params;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadBody('The request body is not valid JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new BadBody('The request body must be a JSON object.');
    }
    return { ...params, ...(parsed as Params) };
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ dot: true });
    } catch {
      throw new BadBody('The request body could not be read as a form.');
    }
    for (const [k, v] of Object.entries(form)) {
      // Uploaded files (attachments) are not kept by the sandbox.
      if (typeof v === 'string' || (typeof v === 'object' && v !== null && !(v instanceof File))) params[k] = v;
    }
  }
  return params;
}

/** A scalar parameter as a trimmed string; undefined when absent, empty or not scalar. */
export function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A whole-number parameter ("1470669300" or 1470669300); undefined when absent, NaN when malformed. */
export function int(p: Params, name: string): number | undefined {
  const s = str(p, name);
  if (s === undefined) return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}
