/**
 * The one fetch client for the patient API. Every response is parsed with the contract's zod
 * schema at this boundary, so the rest of the app only ever sees contract-shaped data.
 */
import { safeParse, type core } from 'zod/mini';
import { enFirst } from '../lib/i18n/en-first';
import { apiError, CSRF_HEADER, IDEMPOTENCY_HEADER, REQUEST_ID_HEADER, type ErrorCode, type FieldErrorCode } from './first-page-contract';

/** Codes the client adds to the server's: no answer at all, or an answer that broke the contract. */
export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly fields: Readonly<Record<string, FieldErrorCode>> | undefined;
  /** The request's id: the patient quotes it to the clinic, who finds the request in the logs. */
  readonly reference: string | undefined;

  constructor(init: { status: number; code: ClientErrorCode; message: string; fields?: Record<string, FieldErrorCode>; reference?: string }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields;
    this.reference = init.reference;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/** A 401 (GET /api/session never sends one): the patient's session has ended. */
export function isUnauthorized(error: unknown): boolean {
  return isApiRequestError(error) && error.status === 401;
}

export type SendMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Made once per booking attempt and reused on retry, so a retried booking never books twice. */
  idempotencyKey?: string;
  /** Staff pages only: an admin token the person typed in (never stored). */
  bearer?: string;
}

// In English, like the server's own messages; the pages show the catalogue's words by code in other languages.
const NETWORK_MESSAGE = enFirst.errors.network;
const BAD_RESPONSE_MESSAGE = enFirst.errors.bad_response;

export async function apiGet<S extends core.$ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<core.output<S>> {
  return parseBody(await send('GET', path, undefined, options), schema);
}

/** A state-changing call. Pass `null` as the schema when the answer has no body (204). */
export function apiSend<S extends core.$ZodType>(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: S,
  options?: RequestOptions,
): Promise<core.output<S>>;
export function apiSend(method: SendMethod, path: string, body: unknown, schema: null, options?: RequestOptions): Promise<void>;
export async function apiSend(
  method: SendMethod,
  path: string,
  body: unknown,
  schema: core.$ZodType | null,
  options: RequestOptions = {},
): Promise<unknown> {
  const response = await send(method, path, body, options);
  return schema === null ? undefined : parseBody(response, schema);
}

/** Sends the request; resolves only with a 2xx response, otherwise throws ApiRequestError. */
async function send(method: 'GET' | SendMethod, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers[CSRF_HEADER] = '1';
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' || body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    // A cancelled query must stay a cancellation so React Query can tell it apart.
    if (options.signal?.aborted) throw error;
    throw new ApiRequestError({ status: 0, code: 'network', message: NETWORK_MESSAGE });
  }
  if (!response.ok) throw await toRequestError(response);
  return response;
}

async function parseBody<S extends core.$ZodType>(response: Response, schema: S): Promise<core.output<S>> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = safeParse(schema, json);
  if (!parsed.success) {
    throw new ApiRequestError({ status: response.status, code: 'bad_response', message: BAD_RESPONSE_MESSAGE });
  }
  return parsed.data;
}

async function toRequestError(response: Response): Promise<ApiRequestError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = safeParse(apiError, json);
  // Our server names every answer; a load balancer's own error page does not.
  const header = response.headers.get(REQUEST_ID_HEADER);
  const reference = parsed.success ? parsed.data.error.reference : header && /^[\w.-]{1,64}$/.test(header) ? header : undefined;
  const ref = reference ? { reference } : {};
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiRequestError({ status: response.status, code, message, ...(fields ? { fields } : {}), ...ref });
  }
  return new ApiRequestError({ status: response.status, ...fallbackFor(response.status), ...ref });
}

/** When a proxy or load balancer answers instead of our server, there is no contract-shaped body. */
function fallbackFor(status: number): { code: ClientErrorCode; message: string } {
  const code: ClientErrorCode =
    status === 401
      ? 'unauthorized'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : status >= 500
              ? 'upstream_unavailable'
              : 'bad_request';
  return { code, message: enFirst.errors[code] };
}
