import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { z } from 'zod';
import { writeFileAtomic } from '../results/atomic-write.js';
import { buildCases, type CaseFailure, type MitataTrial } from './benchmark-case-builder.js';
import { BenchmarkRunnerError } from './benchmark-runner-error.js';
import { benchModuleUrl, prepareBenchModuleLoading } from './bench-module-loader.js';
import { clearCaseMetadata, getCaseMetadata } from './case-metadata.js';
import { collectEnvironment, runGit, type GitRunner } from '../results/environment.js';
import { fileTimestamp } from '../results/file-timestamp.js';
import { reportsFolder, runDocumentPath, workspaceReportsDir } from '../results/reports-layout.js';
import { enableQuickMeasurement } from './quick-mode.js';
import {
  BENCHMARK_SCHEMA_VERSION,
  BenchmarkRunSchema,
  type BenchmarkRun,
} from '../results/result-schema.js';
import { findWorkspaceRoot } from './workspace-root.js';
import { appendRunToHistory } from '../history/benchmark-history.js';
import {
  firstIssue,
  formatOptionIssue,
  formatValidationIssue,
} from '../results/validation-issue.js';

/** Bench files run when no files are named: `src/**\/*.bench.{ts,mts,js,mjs}` under the cwd. */
export const DEFAULT_BENCH_PATTERNS: readonly string[] = ['src/**/*.bench.{ts,mts,js,mjs}'];

/** Options of {@link runBenchmarks}. */
export interface RunBenchmarksOptions {
  /** Project name: the folder under the output directory. */
  project: string;
  /** Folder the file patterns and git are resolved from (default: the process cwd). */
  cwd?: string;
  /** Bench files or glob patterns, relative to `cwd` (default {@link DEFAULT_BENCH_PATTERNS}). */
  files?: readonly string[];
  /** Short measurements, marked in the document (default: `PRISMQ_BENCH_QUICK=1`). */
  quick?: boolean;
  /** Only cases whose bench name matches. */
  filter?: RegExp | string;
  /**
   * Root of the run documents (default: `PRISMQ_BENCH_DIR`, else `reports/benchmarks` under the
   * nearest folder holding `nx.json`, else under `cwd`).
   */
  outDir?: string;
  /** Recorded as the run's command line (default: `process.argv`). */
  commandLine?: readonly string[];
  /** Receives mitata's terminal output, line by line (default: `console.log`). */
  print?: (text: string) => void;
  /** Clock, for the start and end stamps. */
  now?: () => Date;
  /** How git is asked for the commit and the dirty flag. */
  git?: GitRunner;
  /** Environment variables consulted for defaults (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** What {@link runBenchmarks} produced. */
export interface BenchmarkRunResult {
  /** The validated document that was written. */
  run: BenchmarkRun;
  /** `<outDir>/<project>/<timestamp>.json`. */
  runPath: string;
  /** `<outDir>/<project>/latest.json`. */
  latestPath: string;
  /** Cases that threw; the document holds the others. A caller should treat any as failure. */
  failures: CaseFailure[];
}

const OptionsSchema = z.object({
  project: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lower-case folder name'),
  filter: z
    .union([z.instanceof(RegExp), z.string()])
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value instanceof RegExp) return value;
      try {
        return new RegExp(value);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `not a valid regular expression (${(error as Error).message})`,
        });
        return z.NEVER;
      }
    }),
});

function validate(options: RunBenchmarksOptions): { project: string; filter: RegExp | undefined } {
  const parsed = OptionsSchema.safeParse({ project: options.project, filter: options.filter });
  if (!parsed.success) {
    throw new BenchmarkRunnerError(
      'BENCH_INVALID_OPTION',
      formatOptionIssue(firstIssue(parsed.error), options),
    );
  }
  return parsed.data;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

async function findFiles(cwd: string, patterns: readonly string[]): Promise<string[]> {
  // A plain path is taken as it is (it may be absolute or outside cwd); anything else is a glob.
  const direct = patterns.map((pattern) => resolve(cwd, pattern)).filter(isFile);
  const globs = patterns.filter((pattern) => !isFile(resolve(cwd, pattern)));
  const matched =
    globs.length > 0 ? await glob(globs, { cwd, absolute: true, onlyFiles: true }) : [];
  return [...new Set([...direct, ...matched.map((file) => resolve(file))])].sort();
}

let loads = 0;

async function loadBenchFiles(files: readonly string[]): Promise<void> {
  await prepareBenchModuleLoading(files);
  // Bench files register their cases as a side effect of loading; a later run in the same
  // process gets fresh module instances through a distinct URL.
  const generation = loads;
  loads += 1;
  for (const file of files) {
    try {
      await import(benchModuleUrl(file, generation));
    } catch (error) {
      throw new BenchmarkRunnerError(
        'BENCH_FILE_LOAD_FAILED',
        `bench file ${file} failed to load: ${(error as Error).message ?? String(error)}`,
      );
    }
  }
}

function noCasesError(files: readonly string[]): BenchmarkRunnerError {
  return new BenchmarkRunnerError(
    'BENCH_NO_CASES',
    `bench files ${files.join(', ')} register no case. Likely causes: the files make no bench() call; ` +
      'they import a different copy of mitata than @prismq/profiling (mitata is a peer dependency: ' +
      '`npm ls mitata` should show one version); or they are loaded as CommonJS next to an ES module ' +
      'mitata (run them through prismq-bench or runBenchmarks, which import them as ES modules)',
  );
}

function defaultOutDir(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env['PRISMQ_BENCH_DIR'];
  if (fromEnv) return resolve(cwd, fromEnv);
  return reportsFolder(workspaceReportsDir(findWorkspaceRoot(cwd)), 'benchmarks');
}

/**
 * Runs a project's mitata bench files and writes the run document. mitata's own terminal
 * output goes to `print`. The document is validated against {@link BenchmarkRunSchema} and
 * written atomically as `<outDir>/<project>/<timestamp>.json` and `latest.json`.
 * @throws {@link BenchmarkRunnerError} when no file matches, a file fails to load, the filter
 * selects nothing or the document would be invalid. Cases that throw are returned as `failures`.
 * @example
 * ```ts
 * const { run, failures } = await runBenchmarks({ project: 'scoring', quick: true });
 * ```
 */
export async function runBenchmarks(options: RunBenchmarksOptions): Promise<BenchmarkRunResult> {
  const { project, filter } = validate(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const quick = options.quick ?? env['PRISMQ_BENCH_QUICK'] === '1';
  const patterns =
    options.files && options.files.length > 0 ? options.files : DEFAULT_BENCH_PATTERNS;
  const outDir = options.outDir ? resolve(cwd, options.outDir) : defaultOutDir(cwd, env);

  const files = await findFiles(cwd, patterns);
  if (files.length === 0) {
    throw new BenchmarkRunnerError(
      'BENCH_NO_FILES',
      `no bench files match ${patterns.join(', ')} under ${cwd}`,
    );
  }

  clearCaseMetadata();
  // Imported here, not at the top: mitata is a peer the profilers themselves never need, and
  // an import() shares the one ES module instance the bench files register their cases with.
  const mitata = await import('mitata');
  await loadBenchFiles(files);

  const startedAt = now();
  const restore = quick ? enableQuickMeasurement(mitata) : () => undefined;
  let trials: MitataTrial[];
  try {
    const result = await mitata.run({
      format: 'mitata',
      print: options.print ?? ((text: string) => console.log(text)),
      ...(filter ? { filter } : {}),
    });
    trials = result.benchmarks;
  } finally {
    restore();
  }
  const finishedAt = now();

  if (trials.length === 0) {
    throw filter
      ? new BenchmarkRunnerError(
          'BENCH_FILTER_NO_MATCH',
          `filter ${filter} matches no case in ${files.join(', ')}`,
        )
      : noCasesError(files);
  }

  const { cases, failures } = buildCases(trials, getCaseMetadata());
  const document = {
    schemaVersion: BENCHMARK_SCHEMA_VERSION,
    project,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    quick,
    environment: collectEnvironment(
      cwd,
      options.commandLine ?? process.argv,
      options.git ?? runGit,
    ),
    cases,
  };
  const parsed = BenchmarkRunSchema.safeParse(document);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    const [first, caseIndex, ...field] = issue.path;
    // A case is named by its id, which the author of the bench file knows, not by its index.
    const named =
      first === 'cases' && typeof caseIndex === 'number'
        ? { ...issue, path: [`case ${JSON.stringify(cases[caseIndex]?.id)}`, ...field] }
        : issue;
    throw new BenchmarkRunnerError(
      'BENCH_RESULT_INVALID',
      `run document of ${project} is invalid at ${formatValidationIssue(named)}`,
    );
  }

  const runPath = runDocumentPath(outDir, project, `${fileTimestamp(startedAt)}.json`);
  const latestPath = runDocumentPath(outDir, project);
  const text = `${JSON.stringify(parsed.data, null, 2)}\n`;
  writeFileAtomic(runPath, text);
  writeFileAtomic(latestPath, text);
  appendRunToHistory(outDir, parsed.data);
  return { run: parsed.data, runPath, latestPath, failures };
}
