/**
 * The VSee API over HTTP, on undici's own request API and a keep-alive connection pool: no
 * Request, Headers, Response or web stream per call (Node's fetch builds all four, and they were
 * a large part of what a proxied read cost). Redirects are not followed (undici's request never
 * follows them); the client refuses a 3xx.
 */
import { Agent, request } from 'undici';
import type { SendLike } from './client';

export function sendOverHttp(): SendLike & { close(): Promise<void> } {
  // Connections are kept for the next call; undici opens more under load, none are capped here
  // (as with fetch's global pool), so a burst of patients never queues behind a fixed pool.
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const send: SendLike = async (r) => {
    const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body, signal: r.signal, dispatcher: agent });
    return {
      status: res.statusCode,
      text: () => res.body.text(),
      discard: () => res.body.dump(),
    };
  };
  return Object.assign(send, { close: () => agent.close() });
}
