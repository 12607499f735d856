/**
 * Builds the SPA and embed.js (the host-page script) into dist/client, then writes a brotli (.br)
 * and a gzip (.gz) copy beside every compressible file, so the server sends them as they are
 * (server/static-files.ts) and a patient's phone downloads a fraction of the bytes.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/client');

/** Text formats worth compressing (images like PNG are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest|xml|map)$/;
/** Below this, the headers outweigh any saving. */
const MIN_BYTES = 512;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Writes file.br and file.gz for each compressible file; a copy that saves nothing is not written. */
export function precompress(dir: string): { file: string; raw: number; br: number; gz: number }[] {
  const out = [];
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    out.push({ file: path.relative(dir, file), raw: raw.length, br: br.length, gz: gz.length });
  }
  return out;
}

export async function buildAll(): Promise<void> {
  // Always the build a patient gets: under vitest (NODE_ENV=test, the browser tests' build) vite
  // would bundle React's development build, ≈ 5× the bytes and slower, and test what never ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn' });
    await build({ root, mode: 'production', configFile: path.join(root, 'vite.embed.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
