import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import path from 'node:path';

// react-router 7 exports only its development build (dev warnings on, ≈ 0.4 KB gzip more on the first
// page; remix-run/react-router#12532, #14102). The production build it ships beside it is used for
// `vite build`; tests and the dev server keep the development one and its warnings.
const routerDist = path.join(path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')), 'dist/production');

export default defineConfig(({ command }) => ({
  plugins: [react()],
  resolve: {
    alias:
      command === 'build'
        ? [
            { find: /^react-router$/, replacement: path.join(routerDist, 'index.mjs') },
            { find: /^react-router\/dom$/, replacement: path.join(routerDist, 'dom-export.mjs') },
          ]
        : [],
  },
  build: {
    outDir: 'dist/client',
    sourcemap: false,
    // The proxy sets a strict CSP; keep every script an external file.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything the first page runs in one file (the entry): one request, and one gzip/brotli
        // stream instead of seven (≈ 3 KB less). Later pages import what they share from it.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/src/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-dom.ts'],
          // Whole flows through lazy pages; generous for a busy machine, where 5 s is not enough.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          // With the conformance test: the component tests' fake held to the real proxy.
          include: ['test/server/**/*.test.ts', 'test/conformance/**/*.test.ts'],
        },
      },
      {
        test: {
          // One test per attack, property tests over every validator, the PHI canary.
          name: 'security',
          environment: 'node',
          include: ['test/security/**/*.test.ts'],
        },
      },
      {
        test: {
          // Several proxy processes, a real redis-server, VSee over HTTP, kill -9 and SIGSTOP.
          name: 'fault',
          environment: 'node',
          include: ['test/fault/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The rules the codebase keeps about itself (layers), proven by linting wrong imports.
          name: 'lint',
          environment: 'node',
          include: ['test/lint/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
