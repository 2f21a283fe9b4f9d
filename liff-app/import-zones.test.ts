import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const biome = join(root, 'node_modules/.bin/biome');
const features = readdirSync(join(root, 'liff-app/src/features'));

/**
 * Lints `files` (path under liff-app/src: its imports) with the project's biome.json, in a folder of their own so
 * the real tree is never touched: the import rules each file breaks, by file.
 */
function refusals(files: Record<string, string[]>): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'import-zones-'));
  try {
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    for (const [path, imports] of Object.entries(files)) {
      const file = join(dir, 'liff-app/src', path);
      mkdirSync(dirname(file), { recursive: true });
      const names = imports.map((_, i) => `x${i}`);
      writeFileSync(
        file,
        `${imports.map((from, i) => `import { ${names[i]} } from '${from}';\n`).join('')}\nexport { ${names.join(', ')} };\n`,
      );
    }
    let answer: string;
    try {
      answer = execFileSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', 'liff-app'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (error) {
      answer = (error as { stdout: string }).stdout;
    }
    const found: Record<string, string[]> = {};
    const { diagnostics } = JSON.parse(answer) as {
      diagnostics: { category: string; location: { path: string; start: { line: number } } }[];
    };
    for (const { category, location } of diagnostics) {
      if (category !== 'lint/style/noRestrictedImports') continue;
      const path = location.path.replace(/^liff-app\/src\//, '');
      const from = files[path]?.[location.start.line - 1];
      if (from) found[path] = [...(found[path] ?? []), from];
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the pages import in one direction, shared -> features -> app', () => {
  it('refuses a feature importing another feature or the app, and shared code importing either', () => {
    expect(
      refusals({
        'features/profile/components/probe.tsx': [
          '../../join/api/join.ts',
          '../../../features/join/api/join.ts',
          '../../../app/member/router.ts',
          '../api/get-me.ts',
          '../../../lib/api.ts',
          '../../../components/field.tsx',
          '../../../../../bot/schemas/liff-api.ts',
        ],
        'lib/probe.ts': ['../features/card/api/get-card.ts', '../app/member/session.ts', './api.ts'],
        'components/probe.tsx': ['../features/counter/api/counter-api.ts', '../lib/api.ts'],
        'app/console/probe.tsx': ['../../features/console/components/stores-page.tsx', '../../lib/api.ts'],
      }),
    ).toEqual({
      'features/profile/components/probe.tsx': [
        '../../join/api/join.ts',
        '../../../features/join/api/join.ts',
        '../../../app/member/router.ts',
      ],
      'lib/probe.ts': ['../features/card/api/get-card.ts', '../app/member/session.ts'],
      'components/probe.tsx': ['../features/counter/api/counter-api.ts'],
    });
  });

  it('has a zone for every feature folder, so a new feature cannot import its neighbours unnoticed', () => {
    const zones = (
      JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as { overrides: { includes: string[] }[] }
    ).overrides.flatMap((override) => override.includes);
    expect(features.filter((feature) => !zones.includes(`liff-app/src/features/${feature}/**`))).toEqual([]);
    const intoANeighbour = Object.fromEntries(
      features.map((feature) => [
        `features/${feature}/components/probe.tsx`,
        [`../../${features.find((other) => other !== feature)}/api/x.ts`],
      ]),
    );
    expect(refusals(intoANeighbour)).toEqual(intoANeighbour);
  });
});
