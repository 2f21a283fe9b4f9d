import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'docs', 'decisions');
const records = readdirSync(DIR).filter((name) => /^\d{4}-.+\.md$/.test(name));
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** Paths in backticks that name a file of this repository (no globs, no URLs' paths). */
const repoPaths = (text: string) =>
  [...text.matchAll(/`((?:bot|db|liff-app|line-stand-in|scripts|docs)\/[^`\s*…]+\.[a-z]+)`/g)].map(
    (m) => m[1]!,
  );

describe('the decision records', () => {
  it('are each in the index with a link', () => {
    const index = read('README.md');
    expect(records.filter((name) => !index.includes(`](${name})`))).toEqual([]);
  });

  it('each carry a date and a status under the title', () => {
    const undated = records.filter(
      (name) => !/^# .+\n\nDate: \d{4}-\d{2}-\d{2} · Status: \w/.test(read(name)),
    );
    expect(undated).toEqual([]);
  });

  it('name only files that exist', () => {
    const missing = records.flatMap((name) =>
      repoPaths(read(name))
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${name}: ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
