import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Reports, baselines and comparisons key on these ids (benchmark catalogue, classification table).
const CATALOGUE_IDS = [
  'classification/category/single',
  'classification/category/gaming',
  'classification/category/tutorial',
  'classification/category/varied-4',
  'classification/story/story',
  'classification/story/non-story',
  'classification/story/mixed-4',
  'classification/batch/classify-10',
  'classification/batch/detect-10',
  'classification/batch/classify-100',
  'classification/pipeline/full-20',
  'classification/edge/empty',
  'classification/edge/long-text',
  'classification/edge/special-chars',
];

const srcDir = new URL('../src/', import.meta.url);
const benchNames = readdirSync(srcDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .flatMap((file) =>
    [...readFileSync(new URL(file, srcDir), 'utf8').matchAll(/\bbench\(\s*'([^']+)'/g)].map(
      (found) => found[1] as string,
    ),
  );

describe('bench files', () => {
  it('register every classification case of the catalogue under its id', () => {
    expect(benchNames).toEqual(expect.arrayContaining(CATALOGUE_IDS));
  });

  it('register each id once, in the <module>/<group>/<case> form', () => {
    expect(new Set(benchNames).size).toBe(benchNames.length);
    for (const name of benchNames) expect(name).toMatch(/^classification\/[a-z0-9-]+\/[a-z0-9-]+$/);
  });
});
