/**
 * The Node/V8 flags the server runs with: those `npm start` gives node (package.json's `start`,
 * the one place they are written). Benches and `npm run cluster` start their copies of the server
 * with them too, so what they measure is what production runs (decision 070: a 64 MB young
 * generation semi-space cut a proxied read's CPU by about a third under load).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export function serverNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  // "node --flag … --import tsx scripts/start.ts": the flags between `node` and `--import`.
  const words = scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json's start script should run node, found: ${scripts.start}`);
  const end = words.indexOf('--import');
  return words.slice(1, end === -1 ? undefined : end);
}
