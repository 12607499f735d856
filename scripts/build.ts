/** Builds the SPA and embed.js (the host-page script) into dist/client. */
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

export async function buildAll(): Promise<void> {
  await build({ root, logLevel: 'warn' });
  await build({ root, configFile: path.join(root, 'vite.embed.config.ts'), logLevel: 'warn' });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
