/**
 * What the bench's measuring sticks (scripts/bare-passthrough.ts, scripts/hono-passthrough.ts)
 * share, so they differ only in the HTTP layer in front: the upstream call — undici on a keep-alive
 * pool made as server/vsee/http.ts makes VSee's, the VSee headers passed on, the answer read as
 * text and handed back as it came — and how a stick says where it listens and stops. Not part of
 * the product.
 */
import { Agent, request } from 'undici';

const FORWARDED = ['accept', 'x-accountcode', 'x-apitoken'];

/** `forward(path, header)`: GET UPSTREAM + path with the VSee headers `header(name)` finds. */
export function upstreamForwarder() {
  const upstream = process.env.UPSTREAM;
  if (!upstream) throw new Error('UPSTREAM is required');
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  return async (path: string, header: (name: string) => string | undefined): Promise<{ status: number; body: string }> => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const v = header(name);
      if (typeof v === 'string') headers[name] = v;
    }
    const r = await request(upstream + path, { method: 'GET', headers, dispatcher: agent });
    return { status: r.statusCode, body: await r.body.text() };
  };
}

/** Prints `<name> listening on <url>` (what bench:proxy waits for) and stops the server on SIGINT/SIGTERM. */
export function announce(name: string, server: { close(cb: () => void): unknown }, port: number): void {
  console.log(`${name} listening on http://127.0.0.1:${port}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
