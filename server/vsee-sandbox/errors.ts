/** VSee's error envelope: `{"code": <http status>, "message": "..."}` with that HTTP status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** VSee's own 404 text (from the API error table). */
export const NOT_AVAILABLE = 'Sorry, this page is not available.';

export class VseeError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (status: ContentfulStatusCode, message: string): never => {
  throw new VseeError(status, message);
};

export function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ code: status, message }, status);
}
