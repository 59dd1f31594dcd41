import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectEnvironment } from '../../src/results/environment.js';
import { parseNvidiaSmiGpus, queryGpus } from '../../src/results/gpu-inventory.js';
import { compareCases, roundLogRatio } from '../../src/compare/case-comparison.js';
import { CompareError } from '../../src/compare/compare-error.js';
import { parseCompareOptions } from '../../src/compare/compare-options.js';
import {
  formatCompareMarkdown,
  formatCompareTable,
  githubAnnotations,
} from '../../src/compare/compare-table.js';
import { linkSideNodeModules, sameLockfile } from '../../src/compare/side-node-modules.js';
import {
  findBenchProject,
  packagesToBuild,
  readWorkspacePackages,
} from '../../src/compare/workspace-packages.js';
import type { CompareDocument } from '../../src/results/compare-document-schema.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'prismq-compare-pieces-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function workspace(root: string): void {
  write(
    `${root}/package.json`,
    JSON.stringify({ name: 'ws', workspaces: ['libs/*', 'benchmarks/*'] }),
  );
  write(
    `${root}/libs/core/package.json`,
    JSON.stringify({ name: '@x/core', scripts: { build: 'tsup' } }),
  );
  write(
    `${root}/libs/lib/package.json`,
    JSON.stringify({
      name: '@x/lib',
      scripts: { build: 'tsup' },
      dependencies: { '@x/core': '*', zod: '4' },
    }),
  );
  write(
    `${root}/benchmarks/lib/package.json`,
    JSON.stringify({
      name: '@x/bench-lib',
      scripts: { bench: 'node ../../cli.js --project lib' },
      dependencies: { '@x/lib': '*' },
      nx: { name: 'lib-bench' },
    }),
  );
}

describe('workspace packages', () => {
  it('finds a benchmark project by its prismq-bench, Nx or package name, and what it needs built, dependencies first', () => {
    workspace('user');
    const packages = readWorkspacePackages(join(dir, 'user'));
    const bench = findBenchProject(packages, 'lib');
    expect(findBenchProject(packages, 'lib-bench')).toBe(bench);
    expect(findBenchProject(packages, '@x/bench-lib')).toBe(bench);
    expect(bench.dir).toBe('benchmarks/lib');
    expect(packagesToBuild(packages, [bench]).map((pkg) => pkg.name)).toEqual([
      '@x/core',
      '@x/lib',
    ]);
    expect(() => findBenchProject(packages, 'core')).toThrow(
      /no benchmark project is called "core"; there are: lib \(lib-bench\)/,
    );
  });
});

describe('linkSideNodeModules', () => {
  it('links installed packages to the user copy but workspace packages into the side, nested folders too', () => {
    workspace('user');
    workspace('side');
    write('user/node_modules/zod/package.json', '{}');
    mkdirSync(join(dir, 'user/node_modules/@x'), { recursive: true });
    symlinkSync('../../libs/lib', join(dir, 'user/node_modules/@x/lib'), 'dir');
    symlinkSync('../../libs/core', join(dir, 'user/node_modules/@x/core'), 'dir');
    write('user/libs/lib/node_modules/pino/package.json', '{}');
    const dirs = readWorkspacePackages(join(dir, 'user')).map((pkg) => pkg.dir);

    linkSideNodeModules(join(dir, 'user'), join(dir, 'side'), dirs);

    expect(realpathSync(join(dir, 'side/node_modules/@x/lib'))).toBe(join(dir, 'side/libs/lib'));
    expect(realpathSync(join(dir, 'side/node_modules/@x/core'))).toBe(join(dir, 'side/libs/core'));
    expect(realpathSync(join(dir, 'side/node_modules/zod'))).toBe(
      join(dir, 'user/node_modules/zod'),
    );
    expect(readlinkSync(join(dir, 'side/libs/lib/node_modules/pino'))).toBe(
      join(dir, 'user/libs/lib/node_modules/pino'),
    );
  });

  it('skips a workspace package the side does not have', () => {
    workspace('user');
    write('side/package.json', '{}');
    mkdirSync(join(dir, 'user/node_modules/@x'), { recursive: true });
    symlinkSync('../../libs/lib', join(dir, 'user/node_modules/@x/lib'), 'dir');
    linkSideNodeModules(join(dir, 'user'), join(dir, 'side'), []);
    expect(existsSync(join(dir, 'side/node_modules/@x/lib'))).toBe(false);
  });

  it('compares lockfiles byte for byte', () => {
    write('a/package-lock.json', '{"v":1}');
    write('b/package-lock.json', '{"v":1}');
    write('c/package-lock.json', '{"v":2}');
    expect(sameLockfile(join(dir, 'a'), join(dir, 'b'))).toBe(true);
    expect(sameLockfile(join(dir, 'a'), join(dir, 'c'))).toBe(false);
    expect(sameLockfile(join(dir, 'd'), join(dir, 'e'))).toBe(true);
  });
});

describe('parseCompareOptions', () => {
  it('reads repeatable projects and defaults', () => {
    const options = parseCompareOptions([
      '--base',
      'main',
      '--project',
      'scoring',
      '-p',
      'classification-bench',
      '--filter',
      'text/',
    ]);
    expect(options).toMatchObject({
      base: 'main',
      projects: ['scoring', 'classification-bench'],
      rounds: 10,
      maxRounds: 30,
      timeMs: 100,
      threshold: 0.01,
    });
    expect(options.head).toBeUndefined();
    expect(options.filter?.test('scoring/text/long')).toBe(true);
  });

  it('lets --max-rounds follow a larger --rounds, and equal it to switch extra rounds off', () => {
    const base = ['--base', 'main', '--project', 'scoring'];
    expect(parseCompareOptions([...base, '--rounds', '40']).maxRounds).toBe(40);
    expect(parseCompareOptions([...base, '--rounds', '8', '--max-rounds', '8']).maxRounds).toBe(8);
  });

  it.each([
    [['--base', 'main'], /--project is required/],
    [['--base', 'a\u0000b', '--project', 'x'], /--base .* must not contain control characters/],
    [
      ['--base', 'main', '--project', 'x', '--filter', '('],
      /--filter .* is not a valid regular expression/,
    ],
    [['--base', 'main', '--project', 'x', '--threshold', '-1'], /--threshold/],
    [
      ['--base', 'main', '--project', 'x', '--rounds', '12', '--max-rounds', '10'],
      /--max-rounds \("10"\) must be at least --rounds \(12\)/,
    ],
    [
      ['--base', 'main', '--project', 'x', '--project', 'y', '--json', 'o.json'],
      /--json .* takes one project/,
    ],
    [['--base', 'main', '--project', 'x', 'extra'], /Unexpected argument 'extra'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCompareOptions(argv)).toThrow(CompareError);
    expect(() => parseCompareOptions(argv)).toThrow(message);
  });
});

describe('compareCases', () => {
  it('pairs each round by the fastest slice of each side and sorts the slowest ratio first', () => {
    // Pair 1 has a disturbed head, pair 3 a disturbed base: only pair 2 is clean on both sides.
    expect(roundLogRatio({ base: [101, 100, 300], head: [200, 105, 106] })).toBeCloseTo(
      Math.log(1.05),
      12,
    );
    // A side whose one fast slice has no clean partner: the round says nothing.
    expect(roundLogRatio({ base: [160, 165, 150], head: [170, 90, 168] })).toBeNaN();
    const rounds = (ratio: number) =>
      Array.from({ length: 8 }, (_, i) => ({
        base: [1000 + i, 2000],
        head: [(1000 + i) * ratio * (1 + (i % 3) * 0.002), 3000],
      }));
    const disturbed = { base: [160, 165, 150], head: [170, 90, 168] };
    const cases = compareCases(
      [
        { id: 'm/g/same', rounds: rounds(1) },
        { id: 'm/g/slow', rounds: [...rounds(1.1), disturbed] },
        { id: 'm/g/fast', rounds: rounds(0.8) },
      ],
      0.02,
      0.95,
    );
    expect(cases.map((c) => [c.id, c.verdict])).toEqual([
      ['m/g/slow', 'slower'],
      ['m/g/same', 'unchanged'],
      ['m/g/fast', 'faster'],
    ]);
    expect(cases[0]).toMatchObject({ rounds: 8 });
    expect(cases[0]!.ratio).toBeGreaterThan(1.09);
  });

  it("gives each side the median of its rounds' medians, so one side's many slow slices do not move it", () => {
    // Three rounds where the base mostly runs at 10 ns, three where it runs at 25 ns. Pooled,
    // the base's slices would put its median at 25 ns; its rounds say 10 and 25, so 17.5 ns.
    const rounds = Array.from({ length: 6 }, (_, i) => ({
      base: i < 3 ? [10, 10, 30] : [25, 25, 25],
      head: i < 3 ? [10, 10, 30] : [25, 25, 25],
    }));
    const [found] = compareCases([{ id: 'm/g/p50', rounds }], 0.01, 0.95);
    expect(found!.baseP50).toBe(17.5);
    expect(found!.headP50).toBe(17.5);
  });

  it('bounds how far two unpaired runs can differ from the rounds of the wider side, robust to one wild round', () => {
    const rounds = (baseMedian: (i: number) => number) =>
      Array.from({ length: 12 }, (_, i) => ({
        base: [baseMedian(i), baseMedian(i)],
        head: [105, 105],
      }));
    // Half the processes run the base at 100 ns, half at 110 ns: the log-medians' interquartile
    // range is log 1.1, and two runs may differ by 1.1^2.05 − 1 ≈ 21.6 %.
    const [bimodal] = compareCases(
      [{ id: 'm/g/bimodal', rounds: rounds((i) => (i % 2 === 0 ? 100 : 110)) }],
      0.01,
      0.95,
    );
    expect(bimodal!.roundSpread).toBeCloseTo(1.1 ** 2.05 - 1, 12);
    // One process three times slower among steady ones does not make the case look noisy.
    const [steady] = compareCases(
      [{ id: 'm/g/steady', rounds: rounds((i) => (i === 4 ? 300 : 100)) }],
      0.01,
      0.95,
    );
    expect(steady!.roundSpread).toBe(0);
    // Slices slowed by other load for a moment are not the process's speed.
    const [disturbed] = compareCases(
      [
        {
          id: 'm/g/disturbed',
          rounds: Array.from({ length: 12 }, (_, i) => ({
            base: [100, 100, ...[0, 0, 0].map(() => (i % 2 === 0 ? 100 : 250))],
            head: [105, 105, 105, 105, 105],
          })),
        },
      ],
      0.01,
      0.95,
    );
    expect(disturbed!.roundSpread).toBe(0);
  });
});

const DOCUMENT: CompareDocument = {
  schemaVersion: 1,
  project: 'scoring',
  createdAt: '2026-11-30T10:00:00.000Z',
  base: { ref: 'main', commit: 'a'.repeat(40) },
  head: { ref: 'working tree', commit: 'b'.repeat(40), dirty: true },
  environment: collectEnvironment(
    tmpdir(),
    [],
    () => null,
    () => undefined,
  ),
  method: { name: 'paired', threshold: 0.02, confidence: 0.95 },
  cases: [
    {
      id: 'scoring/text/long',
      ratio: 1.061,
      low: 1.04,
      high: 1.08,
      verdict: 'slower',
      baseP50: 100_000,
      headP50: 106_100,
      rounds: 8,
    },
    {
      id: 'scoring/text/a|b',
      ratio: 1,
      low: 0.99,
      high: 1.01,
      verdict: 'unchanged',
      baseP50: 120,
      headP50: 120,
      rounds: 8,
    },
  ],
};

describe('compare output', () => {
  it('prints a plain table without colour and a coloured one on request', () => {
    const plain = formatCompareTable(DOCUMENT, false);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toMatch(
      /scoring\/text\/long\s+100\.00 µs\s+106\.10 µs\s+1\.061 \(\+6\.1 %\)\s+1\.040–1\.080\s+slower/,
    );
    expect(plain).toContain('1 slower, 0 faster, 1 unchanged');
    expect(formatCompareTable(DOCUMENT, true)).toContain('\u001b[31m');
  });

  it('writes Markdown with escaped cells and one error annotation per slower case', () => {
    const markdown = formatCompareMarkdown(DOCUMENT);
    expect(markdown).toContain('| scoring/text/a\\|b |');
    expect(markdown).toContain('🔴 slower');
    const annotations = githubAnnotations(DOCUMENT);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      /^::error title=Benchmark slower%3A scoring\/text\/long::scoring\/text\/long is 6\.1 %25 slower than main/,
    );
  });
});

describe('GPU inventory', () => {
  it('parses nvidia-smi CSV rows, memory in MiB', () => {
    expect(parseNvidiaSmiGpus('NVIDIA A100-SXM4-40GB, 535.104.05, 40960\nbroken line\n')).toEqual([
      { model: 'NVIDIA A100-SXM4-40GB', driver: '535.104.05', memoryBytes: 40960 * 1024 * 1024 },
    ]);
  });

  it('asks the nvidia-smi found on PATH with the documented query, and records nothing without one', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const script = join(bin, 'nvidia-smi');
    writeFileSync(
      script,
      `#!/bin/sh\n[ "$1" = "--query-gpu=name,driver_version,memory.total" ] && [ "$2" = "--format=csv,noheader,nounits" ] || exit 9\necho "Tesla T4, 550.54.15, 15360"\necho "NVIDIA L4, 550.54.15, 23034"\n`,
    );
    chmodSync(script, 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
    const gpus = queryGpus(env);
    expect(gpus).toEqual([
      { model: 'Tesla T4', driver: '550.54.15', memoryBytes: 15360 * 1024 * 1024 },
      { model: 'NVIDIA L4', driver: '550.54.15', memoryBytes: 23034 * 1024 * 1024 },
    ]);
    expect(
      collectEnvironment(
        dir,
        [],
        () => null,
        () => queryGpus(env),
      ).gpus,
    ).toEqual(gpus);

    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(queryGpus({ ...process.env, PATH: empty })).toBeUndefined();
    expect(
      'gpus' in
        collectEnvironment(
          dir,
          [],
          () => null,
          () => queryGpus({ ...process.env, PATH: empty }),
        ),
    ).toBe(false);
  });
});
