/**
 * Errors the patient API answers with: always the contract's `{error:{code,message,fields?}}`,
 * a message a person can act on, never a stack trace.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { fieldErrorCode, type ApiError, type ErrorCode, type FieldErrorCode } from '../../src/api/contract';
import { currentRequestId } from '../ops/request-context';
import { VseeError } from '../vsee/client';

export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, FieldErrorCode>,
    /** Seconds after which trying again makes sense (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** A booking whose outcome is not known yet: trying again now could book twice, waiting cannot. */
export const PENDING_MESSAGE =
  'We are still checking whether your booking went through. Please wait a few seconds and try again: you will not be booked twice.';

/** The shared store cannot be asked, and without it a booking could be made twice. */
export const STORE_DOWN_MESSAGE = 'Booking is paused for a moment on our side. Your details are kept; please try again in a minute.';

export const SESSION_CHECK_MESSAGE = 'We cannot check your sign-in right now. Please try again in a few seconds.';

export const UPSTREAM_MESSAGE =
  "The clinic's system is not answering right now. Your details are kept; please try again in a moment.";

/** Turns a zod failure on a request into a 400 with one code per field (the contract's messages are codes). */
export function badRequest(error: z.ZodError): Problem {
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= z.catch(fieldErrorCode, 'invalid').parse(issue.message);
  }
  return new Problem(400, 'bad_request', 'Some details need another look.', fields);
}

/** What the patient is told when VSee fails in a way the route did not handle itself. */
function fromVsee(err: VseeError): Problem {
  if (err.status === 401) return new Problem(401, 'unauthorized', 'Your session has ended. Please start again.');
  if (err.status === 404 || err.status === 403) return new Problem(404, 'not_found', 'We could not find that visit.');
  if (err.status === 400 || err.status === 422) return new Problem(400, 'bad_request', err.message);
  return new Problem(502, 'upstream_unavailable', UPSTREAM_MESSAGE);
}

export function problemResponse(c: Context, p: Problem) {
  // The request id: the patient can quote it to the clinic, and it finds the request's log lines.
  const reference = currentRequestId();
  const body: ApiError = {
    error: { code: p.code, message: p.message, ...(p.fields ? { fields: p.fields } : {}), ...(reference ? { reference } : {}) },
  };
  if (p.retryAfter !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(p.retryAfter))));
  return c.json(body, p.status);
}

export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof VseeError) return fromVsee(err);
  return new Problem(500, 'internal', 'Something went wrong on our side. Please try again.');
}
