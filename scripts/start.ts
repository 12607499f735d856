/**
 * `npm start`: build the SPA when it is missing or older than its sources, then run the one
 * server process.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildAll } from './build';
import { main } from '../server/main';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/client/index.html');

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'vite.embed.config.ts'].map((p) => path.join(root, p)).filter(existsSync);
const stale = !existsSync(builtIndex) || !existsSync(path.join(root, 'dist/client/embed.js')) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (stale) {
  console.log('frontdesk: building the app…');
  await buildAll();
}
// The sandbox clinic's demo questions (server/vsee-sandbox/intake-questions.json), unless the
// clinic names its own or a real VSee is configured.
if (!process.env.VSEE_API_BASE && !process.env.INTAKE_QUESTIONS) {
  process.env.INTAKE_QUESTIONS = path.join(root, 'server/vsee-sandbox/intake-questions.json');
}
await main();
