/**
 * The layers are enforced, not just written down: `npm run lint` refuses a wrong import. Each case
 * lints one line of code as if it were a file at that place in the tree (nothing is written).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lintImport(filePath: string, from: string) {
  const [result] = await eslint.lintText(`import * as m from '${from}';\nexport const used = m;\n`, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('lint refuses imports across the layers', () => {
  it.each([
    ['a feature importing another feature', 'src/features/visits/components/x.tsx', '../../scheduling/components/slot-details'],
    ['a feature importing the app', 'src/features/visits/components/x.tsx', '../../../app/layout'],
    ['shared components importing a feature', 'src/components/x.tsx', '../features/visits/components/visit-page'],
    ['the API layer importing a feature', 'src/api/queries/x.ts', '../../features/clinic/components/start-page'],
    ['shared lib importing the app', 'src/lib/x.ts', '../app/router'],
    ['the server importing SPA code outside src/api', 'server/proxy/x.ts', '../../src/lib/paths'],
    ['the SPA importing the server', 'src/lib/x.ts', '../../server/config'],
  ])('%s', async (_what, file, from) => {
    expect(await lintImport(file, from)).toContain('import-x/no-restricted-paths');
  });

  it('also walls off a feature folder that exists only later (read from the tree at lint time)', async () => {
    // visits → clinic: both are real folders; the zone list is built from src/features itself.
    expect(await lintImport('src/features/visits/components/x.tsx', '../../clinic/components/start-page')).toContain(
      'import-x/no-restricted-paths',
    );
  });
});

describe('lint allows the one-way imports', () => {
  it.each([
    ['a feature importing the shared layer', 'src/features/visits/components/x.tsx', '../../../api/queries/visits'],
    ['a feature importing its own parts', 'src/features/visits/components/x.tsx', './visit-words'],
    ['the app importing a feature', 'src/app/routes/x.tsx', '../../features/intake/components/intake-page'],
    ['the server importing the contract', 'server/proxy/x.ts', '../../src/api/contract'],
    ['the server importing the visit rules', 'server/proxy/routes/x.ts', '../../../src/api/visit-rules'],
  ])('%s', async (_what, file, from) => {
    expect(await lintImport(file, from)).toEqual([]);
  });
});

describe('the browser speaks zod/mini only', () => {
  it.each([['zod'], ['zod/v4']])('refuses classic %s under src/', async (from) => {
    expect(await lintImport('src/api/x.ts', from)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows zod/mini under src/, and classic zod in the server', async () => {
    expect(await lintImport('src/api/x.ts', 'zod/mini')).toEqual([]);
    expect(await lintImport('server/proxy/x.ts', 'zod')).toEqual([]);
  });
});
