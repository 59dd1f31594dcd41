import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';

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

// The bench files register their cases with a recording stand-in for mitata, so the ids checked
// are the ones the runner would see, however a file spells them.
const registered = vi.hoisted(() => [] as string[]);
vi.mock('mitata', () => {
  const chain: Record<string, unknown> = {};
  for (const method of ['args', 'range', 'dense_range', 'gc', 'baseline', 'highlight', 'compact'])
    chain[method] = () => chain;
  return {
    bench: (name: string) => {
      registered.push(name);
      return chain;
    },
    group: (nameOrBody: unknown, body?: () => void) =>
      (typeof nameOrBody === 'function' ? (nameOrBody as () => void) : body!)(),
    summary: (body: () => void) => body(),
    barplot: (body: () => void) => body(),
    boxplot: (body: () => void) => body(),
    do_not_optimize: (value: unknown) => value,
  };
});

const srcDir = new URL('../src/', import.meta.url);
const benchFiles = readdirSync(srcDir).filter((file) => file.endsWith('.bench.ts'));
let benchNames: string[] = [];

beforeAll(async () => {
  for (const file of benchFiles) await import(new URL(file, srcDir).href);
  benchNames = [...registered];
});

describe('bench files', () => {
  it('register every classification case of the catalogue under its id', () => {
    expect(benchNames).toEqual(expect.arrayContaining(CATALOGUE_IDS));
  });

  it('are all loaded', () => {
    expect(benchFiles.length).toBeGreaterThan(0);
    expect(benchNames.length).toBeGreaterThanOrEqual(CATALOGUE_IDS.length);
  });

  it('register each id once, in the <module>/<group>/<case> form', () => {
    expect(new Set(benchNames).size).toBe(benchNames.length);
    for (const name of benchNames) expect(name).toMatch(/^classification\/[a-z0-9-]+\/[a-z0-9-]+$/);
  });
});
