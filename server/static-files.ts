/**
 * How the built SPA and the API's JSON go over the wire: compressed.
 *
 * Static files are compressed once, at build time (scripts/build.ts writes .br and .gz beside each
 * one); @hono/node-server's serveStatic picks the copy the browser accepts (brotli first) and sets
 * Content-Encoding. API answers are compressed on the fly above a small size, never an event
 * stream (Hono's compress leaves text/event-stream alone: a compressor buffers, a stream must not).
 */
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/(?:javascript|json|xml|manifest\+json)|image\/svg\+xml)/i;

/** Every answer that may come compressed says so to caches, including the uncompressed one. */
function varyAcceptEncoding(res: Response) {
  const vary = res.headers.get('Vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

/** Files of the built SPA, as the browser accepts them (br, gzip or plain). */
export function staticFiles(clientDir: string, opts: { path?: string } = {}): MiddlewareHandler {
  const root = path.relative(process.cwd(), clientDir) || '.';
  const serve = serveStatic({ root, path: opts.path, precompressed: true });
  return async (c, next) => {
    // A Response when the file exists; otherwise next() has run and c.res is its answer.
    const found = await serve(c, next);
    const res = found instanceof Response ? found : c.res;
    if (COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) varyAcceptEncoding(res);
    return found instanceof Response ? found : undefined;
  };
}

/**
 * API JSON, gzip-compressed when the browser accepts it and the answer is at least
 * COMPRESS_MIN_BYTES. Hono's compress decides by Content-Length, which c.json() does not set; the
 * inner step sets it for JSON, and only when compression is on offer, so a client that asks for
 * none (a load generator, curl) pays nothing.
 */
export function apiCompression(): MiddlewareHandler[] {
  const measure: MiddlewareHandler = async (c, next) => {
    // Every API answer may come compressed. Given now, Vary goes into the answer the route builds;
    // compress() would add it after the route with c.header(), which copies the answer into a
    // stream (server/answer-header.ts) — it finds it here and leaves the answer alone.
    c.header('Vary', 'Accept-Encoding');
    await next();
    // Headers only until we know we will compress: reading .body takes @hono/node-server off its
    // fast path for string answers (every API answer would pay for a stream).
    if (!/\b(?:gzip|deflate)\b/i.test(c.req.header('Accept-Encoding') ?? '')) return;
    const res = c.res;
    if (res.headers.has('Content-Length') || !/^application\/(?:problem\+)?json/.test(res.headers.get('Content-Type') ?? '')) return;
    const body = await res.arrayBuffer();
    const sized = new Response(body, res);
    sized.headers.set('Content-Length', String(body.byteLength));
    c.res = sized;
  };
  return [compress({ threshold: COMPRESS_MIN_BYTES }), measure];
}
