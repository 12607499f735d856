import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createRequire } from 'node:module';
import path from 'node:path';

// react-router 7 exports only its development build (dev warnings on, ≈ 0.4 KB gzip more on the first
// page; remix-run/react-router#12532, #14102). The production build it ships beside it is used for
// `vite build`; tests and the dev server keep the development one and its warnings.
const routerDist = path.join(path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')), 'dist/production');

/**
 * react-router's production build names its components after making them (`Link.displayName =
 * "Link"`) and leaves its `forwardRef`/`createContext`/`memo` calls unmarked, so a bundler must keep
 * every one — `<Form>`, `<NavLink>`, `<ScrollRestoration>`, the data router's contexts and all they
 * use — whether the app renders them or not (≈ 2 KB gzip with `<Link>` out of the app too; see
 * docs/decisions/068-first-page-bytes.md). The names only serve React DevTools; those calls have no
 * side effects. Build only: tests and the dev server keep the development build, names and all.
 */
function reactRouterTreeShaking(): Plugin {
  return {
    name: 'frontdesk:react-router-tree-shaking',
    apply: 'build',
    transform(code, id) {
      if (!id.startsWith(routerDist) || !code.includes('displayName')) return null;
      let marked = 0;
      let unnamed = 0;
      const out = code
        .replace(/^(var \w+ = )(React\d*\.(?:forwardRef|createContext|memo)\()/gm, (_all, left: string, call: string) => {
          marked += 1;
          return `${left}/* @__PURE__ */ ${call}`;
        })
        .replace(/^\w+\.displayName = "\w+";$/gm, () => {
          unnamed += 1;
          return '';
        });
      // A new react-router written differently: nothing breaks, the bytes come back (npm run size).
      if (marked === 0 || unnamed === 0) this.warn(`react-router's build changed shape (${marked} marked, ${unnamed} names dropped)`);
      return { code: out, map: null };
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react(), reactRouterTreeShaking()],
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
        codeSplitting: {
          groups: [
            // Everything the first page runs in one file (the entry): one request, and one
            // gzip/brotli stream instead of seven (≈ 3 KB less). Later pages import from it.
            { name: 'index', tags: ['$initial'] },
            // What two or more later pages share, in one file too: a page then costs three requests
            // (its own code, this, its words) instead of up to twenty small ones, on a phone's
            // six connections; it is downloaded once for the whole booking.
            { name: 'later', minShareCount: 2 },
          ],
        },
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
