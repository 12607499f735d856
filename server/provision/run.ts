/**
 * `npm run provision -- providers.csv`: onboards many providers through the provisioning API
 * (POST /api/admin/providers), one row at a time, with a progress bar and a summary table.
 * Safe to re-run: the API is idempotent, so rows already done come back "already there" and a
 * row that failed midway is completed. Any failed row makes the exit code non-zero.
 *
 * CSV (RFC 4180, UTF-8, header row required, column order free):
 *   code,firstName,lastName,email,roomName,roomSlug
 *   hs-prov-0042,Ana,Ruiz,ana.ruiz@health.example,Dr. Ruiz,dr-ruiz
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { apiError } from '../../src/api/contract';
import { provisionRequest, provisionResult, type ProvisionRequest } from '../proxy/admin-contract';

export const CSV_COLUMNS = ['code', 'firstName', 'lastName', 'email', 'roomName', 'roomSlug'] as const;
const REQUIRED = ['code', 'firstName', 'lastName', 'roomName', 'roomSlug'] as const;
/** More rows than this is a mistake (a wrong file), not an onboarding. */
export const MAX_ROWS = 5000;

type RowResult =
  | { code: string; result: 'created' | 'already there'; roomCode: string; patientUrl: string; providerId: string }
  | { code: string; result: 'failed'; reason: string };
export type Outcome = RowResult & { row: number };

export interface ProvisionRun {
  csv: string;
  /** frontdesk's public URL, e.g. https://frontdesk.example.org */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Progress (stderr): redrawn in place on a terminal, one line per row otherwise. */
  progress?: { write(s: string): unknown; isTTY?: boolean };
  /** Time limit of one request. */
  timeoutMs?: number;
}

export class CsvError extends Error {}

/** The rows of the file as provisioning requests, or the reason a row cannot be one. */
export function readCsv(text: string): Array<{ row: number; request: ProvisionRequest } | { row: number; code: string; error: string }> {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((x) => x.trim()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new CsvError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw new CsvError(`The file has no rows. Expected a header row: ${CSV_COLUMNS.join(',')}`);
  const missing = REQUIRED.filter((c) => !(c in records[0]!));
  if (missing.length) throw new CsvError(`The header row lacks ${missing.join(', ')}. Expected: ${CSV_COLUMNS.join(',')}`);
  if (records.length > MAX_ROWS) throw new CsvError(`The file has ${records.length} rows; at most ${MAX_ROWS} at a time.`);
  return records.map((r, i) => {
    const row = i + 2; // the header is line 1
    const parsed = provisionRequest.safeParse({
      code: r.code,
      firstName: r.firstName,
      lastName: r.lastName,
      ...(r.email ? { email: r.email } : {}),
      room: { name: r.roomName, slug: r.roomSlug },
    });
    if (parsed.success) return { row, request: parsed.data };
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.').replace('room.name', 'roomName').replace('room.slug', 'roomSlug');
    return { row, code: r.code ?? '', error: `${field || 'row'}: ${issue.message}` };
  });
}

function bar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

async function provisionOne(opts: ProvisionRun, request: ProvisionRequest): Promise<RowResult> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(new URL('/api/admin/providers', opts.baseUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
      redirect: 'error',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (err) {
    return { code: request.code, result: 'failed', reason: `frontdesk could not be reached (${(err as Error).name})` };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 200 || res.status === 201) {
    const ok = provisionResult.safeParse(body);
    if (ok.success) return { code: request.code, result: res.status === 201 ? 'created' : 'already there', ...ok.data };
  }
  const err = apiError.safeParse(body);
  if (!err.success) return { code: request.code, result: 'failed', reason: `frontdesk answered ${res.status}` };
  const fields = err.data.error.fields ? ` (${Object.entries(err.data.error.fields).map(([k, v]) => `${k}: ${v}`).join('; ')})` : '';
  return { code: request.code, result: 'failed', reason: `${err.data.error.message}${fields}` };
}

/** Provisions every row in order; answers each row's outcome. */
export async function runProvision(opts: ProvisionRun): Promise<Outcome[]> {
  const rows = readCsv(opts.csv);
  const out: Outcome[] = [];
  const progress = opts.progress;
  for (const [i, r] of rows.entries()) {
    const outcome: Outcome =
      'error' in r
        ? { row: r.row, code: r.code, result: 'failed', reason: r.error }
        : ({ row: r.row, ...(await provisionOne(opts, r.request)) } as Outcome);
    out.push(outcome);
    if (progress?.isTTY) progress.write(`\r${bar(i + 1, rows.length)} `);
    else progress?.write(`${bar(i + 1, rows.length)} row ${outcome.row} ${outcome.code}: ${outcome.result}\n`);
  }
  if (progress?.isTTY) progress.write('\n');
  return out;
}

/** The summary: one line per row, then the counts. */
export function summaryTable(outcomes: Outcome[]): string {
  const head = ['row', 'code', 'result', 'room', 'patient URL / reason'];
  const lines = outcomes.map((o) => [
    String(o.row),
    o.code,
    o.result,
    o.result === 'failed' ? '' : o.roomCode,
    o.result === 'failed' ? o.reason : o.patientUrl,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const count = (r: Outcome['result']) => outcomes.filter((o) => o.result === r).length;
  return [
    fmt(head),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...lines.map(fmt),
    '',
    `${count('created')} created, ${count('already there')} already there, ${count('failed')} failed (${outcomes.length} rows)`,
  ].join('\n');
}

export const cliEnv = z.object({
  ADMIN_API_TOKEN: z.string().min(1, 'is required'),
  FRONTDESK_URL: z.url({ protocol: /^https?$/ }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
});
