/**
 * Headers every answer of a path gets, from a middleware: given to Hono before the route runs,
 * checked after it.
 *
 * Hono's `c.header()` after the route copies the whole answer (`new Response(res.body, res)`): on
 * @hono/node-server that turns a string body into a stream and builds a full Fetch Response, so
 * the answer goes out on the streaming path — once per header, on every API answer (decision 070).
 * Given before the route, the header goes into the answer Hono builds (c.json, c.body, problem
 * answers) at no cost. Changing an answer's headers in place is no way out: @hono/node-server's
 * light Response can drop such a change when something later reads its body.
 */
import type { Context } from 'hono';

/** Before `await next()`: the answer the route builds will carry this header. */
export function presetAnswerHeader(c: Context, name: string, value: string): void {
  c.header(name, value);
}

/**
 * After `await next()`: the answer carries exactly this value — else (a route that returned its own
 * Response, or set the header otherwise) Hono's copy sets it, as before. Nothing is lost either way.
 */
export function ensureAnswerHeader(c: Context, name: string, value: string): void {
  if (c.res.headers.get(name) !== value) c.header(name, value);
}
