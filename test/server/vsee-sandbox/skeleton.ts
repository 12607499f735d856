/**
 * "Type skeleton" comparison of a sandbox answer against a documented VSee sample: every key path
 * the sample has must exist in the answer with the same JSON type. Values do not matter, types do
 * (VSee's `"status": "10"` and `"status": 20` are different contracts).
 *
 * - A `null` in the sample matches anything: the sample does not tell the type.
 * - Arrays are compared through their first elements. When the sample has one and the answer's
 *   array is empty, the path is reported as `unchecked` (so a test can insist on a populated
 *   answer instead of passing vacuously).
 * - Keys the answer has beyond the sample are fine.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'missing';

export function jsonType(v: unknown): JsonType {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  throw new Error(`not a JSON value: ${t}`);
}

export interface SkeletonReport {
  /** `path: sample type ≠ answer type`, one line per mismatch. */
  drift: string[];
  /** Array paths whose first element could not be compared because the answer's array is empty. */
  unchecked: string[];
}

export interface SkeletonOptions {
  /** Name of the root in reported paths. Default "data". */
  root?: string;
  /**
   * Paths (as reported, e.g. `data.call_logs`) that the answer may leave out or send as null
   * because they depend on a state the sample was in (a visit that had a call, say). When present
   * and not null they are compared like any other path.
   */
  mayBeAbsent?: readonly string[];
}

export function compareSkeleton(sample: unknown, answer: unknown, opts: SkeletonOptions = {}): SkeletonReport {
  const report: SkeletonReport = { drift: [], unchecked: [] };
  const optional = new Set(opts.mayBeAbsent ?? []);

  const walk = (s: unknown, a: unknown, path: string): void => {
    const st = jsonType(s);
    const at = jsonType(a);
    if (st === 'null') return;
    if ((at === 'missing' || at === 'null') && optional.has(path)) return;
    if (st !== at) {
      report.drift.push(`${path}: ${st} ≠ ${at}`);
      return;
    }
    if (st === 'array') {
      const [s0] = s as unknown[];
      const [a0] = a as unknown[];
      if ((s as unknown[]).length === 0) return;
      if ((a as unknown[]).length === 0) report.unchecked.push(path);
      else walk(s0, a0, `${path}[0]`);
      return;
    }
    if (st === 'object') {
      const so = s as Record<string, unknown>;
      const ao = a as Record<string, unknown>;
      for (const key of Object.keys(so)) {
        walk(so[key], Object.hasOwn(ao, key) ? ao[key] : undefined, `${path}.${key}`);
      }
    }
  };

  walk(sample, answer, opts.root ?? 'data');
  return report;
}
