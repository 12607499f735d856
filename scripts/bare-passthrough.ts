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
import { announce, upstreamForwarder } from './passthrough-upstream';

const forward = upstreamForwarder();

const server = createServer((req, res) => {
  forward(req.url!, (name) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  })
    .then(({ status, body }) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    })
    .catch(() => {
      res.writeHead(502).end();
    });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  announce('bare passthrough', server, typeof addr === 'object' && addr ? addr.port : 0);
});
