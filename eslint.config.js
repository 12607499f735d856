import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = import.meta.dirname;
/** Every feature folder, read at lint time: a new feature is walled off without touching this file. */
const features = readdirSync(`${root}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The layers (bulletproof-react's zones): shared code (api, components, lib, embed) → features →
 * app, one way only; no feature imports another; the server takes only `src/api/` from the SPA,
 * and the SPA nothing from the server. See docs/architecture.md.
 */
const layerZones = [
  {
    target: ['./src/api', './src/components', './src/lib', './src/embed'],
    from: ['./src/features', './src/app'],
    message: 'Shared code (src/api, components, lib, embed) must not import a feature or the app: lift what both need into the shared layer.',
  },
  {
    target: './src/features',
    from: './src/app',
    message: 'A feature must not import the app layer (src/app); paths live in src/lib/paths.ts.',
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'Features never import each other: lift shared code to src/lib or src/components, or join them in src/app.',
  })),
  {
    target: './server',
    from: './src',
    except: ['./api'],
    message: 'The server takes only the patient API (src/api) from the SPA.',
  },
  {
    target: './src',
    from: './server',
    message: 'Browser code must never reach into the server (secrets live there).',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      // An import the resolver cannot find would slip past the zones above.
      'import-x/no-unresolved': ['error', { ignore: ['\\?url$', '\\?raw$'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Classic zod's schemas carry every string format's constructor (.email(), .jwt(), …) into
          // the chunk holding zod's core, the first page's (docs/decisions/068-first-page-bytes.md).
          paths: ['zod', 'zod/v4', 'zod/v3'].map((name) => ({
            name,
            message: "Import zod/mini: the browser's schemas are written in its functional form (z.optional(x), x.check(z.maxLength(n))).",
          })),
          patterns: [
            { group: ['**/server/**', 'node:*'] },
            {
              // The whole English catalogue would put every page's words in the first download.
              group: ['**/i18n/en'],
              allowTypeImports: true,
              message: 'Import en-first (the first page) or leave it to language.ts: the rest loads with the later pages.',
            },
            {
              group: ['react-router-dom', 'react-router'],
              importNames: ['Link', 'NavLink', 'Form'],
              message: 'Use AppLink (src/components/app-link.tsx): <Link> carries framework-mode code into the first page.',
            },
          ],
        },
      ],
    },
  },
);
