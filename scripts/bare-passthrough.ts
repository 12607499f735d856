/**
 * The floor any Node proxy stands on, for `bench:proxy`: node:http in, undici out on a keep-alive
 * pool, the upstream's answer passed back as it came — no session, no checks, no parsing, no
 * metrics. Whatever frontdesk's proxy costs above this is its own work; what this costs is the
 * price of a second hop on the same machine.
 *
 *   UPSTREAM=http://127.0.0.1:PORT node --import tsx scripts/bare-passthrough.ts
 *
 * Prints `bare passthrough listening on <url>`. Not part of the product: a measuring stick.
 */
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const upstream = process.env.UPSTREAM;
if (!upstream) throw new Error('UPSTREAM is required');
const agent = new Agent({ keepAliveTimeout: 10_000 });

const server = createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (const name of ['accept', 'x-accountcode', 'x-apitoken']) {
    const v = req.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  request(upstream + req.url, { method: 'GET', headers, dispatcher: agent })
    .then(async (r) => {
      const body = await r.body.text();
      res.writeHead(r.statusCode, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    })
    .catch(() => {
      res.writeHead(502).end();
    });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  console.log(`bare passthrough listening on http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
