/**
 * `npm run dev`: Vite with hot reload on PORT (default 8080) in front of the same server
 * (API + sandbox) on PORT+1. The browser only ever sees PORT, so cookies and links line up.
 */
import { createServer } from 'vite';
import { loadConfig } from '../server/config';
import { startServer } from '../server/main';

const port = Number(process.env.PORT ?? 8080);
const config = loadConfig({ ...process.env, PORT: String(port + 1), PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` });
const api = await startServer(config);
const target = `http://127.0.0.1:${api.port}`;
const vite = await createServer({
  server: { port, strictPort: true, proxy: { '/api': target, '/sandbox': target } },
});
await vite.listen();
console.log(`frontdesk (dev, hot reload) at http://localhost:${port}${config.sandbox ? ' — sandbox mode' : ''}`);
