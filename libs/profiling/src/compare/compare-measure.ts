import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { collectEnvironment } from '../results/environment.js';
import { DEFAULT_BENCH_PATTERNS } from '../runner/benchmark-runner.js';
import { buildKeys } from './build-cache.js';
import { compareCases, undecidedCaseIds } from './case-comparison.js';
import { stopChildren } from './child-process.js';
import {
  COMPARE_CONFIDENCE,
  type CaseProfiles,
  type ProjectMeasurement,
} from './compare-analysis.js';
import { CompareError } from './compare-error.js';
import type { CompareOptions } from './compare-options.js';
import {
  addWorktree,
  applyWorkingTree,
  gitTopLevel,
  removeWorktrees,
  resolveCommit,
  workingTreeChanges,
  type GitCommand,
} from './git-checkout.js';
import {
  exactIds,
  listCases,
  measurePairedRounds,
  profileCases,
  type PairedMeasurement,
  type RoundRunner,
  type SideBench,
} from './paired-rounds.js';
import { assignShard, type ShardSpec } from './compare-shard.js';
import { buildSide, installSide, type SideCommand } from './side-build.js';
import { linkSideNodeModules, sameLockfile } from './side-node-modules.js';
import { readSideProfile } from './side-profile.js';
import type { SourceMapCache } from '../source-map/source-map-resolver.js';
import type { SideName } from './worker-protocol.js';
import {
  findBenchProject,
  packagesToBuild,
  readWorkspacePackages,
  type WorkspacePackage,
} from './workspace-packages.js';

/** Alternations of base and head per case within one round. */
const PAIRS_PER_ROUND = 8;
/** Fewest slices per side and case under the CPU profiler: 4 rounds' worth. */
const EXPLAIN_SLICES = 32;
/** Least profiling time per side and case, ns: a few thousand samples, whatever the slices. */
const EXPLAIN_MIN_NS = 500e6;
/** Sampling interval of the explaining profiles, µs: 10 samples per ms of the case. */
const EXPLAIN_SAMPLE_INTERVAL_US = 100;

/** What the measuring stage needs of the world: git, child processes, progress output. */
export interface MeasureIo {
  /** The workspace (real path) whose benchmark projects are compared. */
  workspaceRoot: string;
  stderr: (text: string) => void;
  commandLine: readonly string[];
  git: GitCommand;
  sideCommand?: SideCommand;
  runRound?: RoundRunner;
  now: () => Date;
}

interface Side {
  name: SideName;
  ref: string;
  commit: string;
  dir: string;
  root: string;
}

async function prepareSide(
  side: Side,
  io: MeasureIo,
  userPackages: readonly WorkspacePackage[],
  projectNames: readonly string[],
): Promise<WorkspacePackage[]> {
  const userRoot = io.workspaceRoot;
  const packages = readWorkspacePackages(side.root);
  const benches = projectNames.map((name) => {
    try {
      return findBenchProject(packages, name);
    } catch {
      throw new CompareError(
        'COMPARE_UNKNOWN_PROJECT',
        `benchmark project ${JSON.stringify(name)} does not exist on the ${side.name} side (${side.ref})`,
      );
    }
  });
  const toBuild = packagesToBuild(packages, benches);
  const keys = buildKeys(io.git, side.dir, relative(side.dir, side.root), packages);
  if (sameLockfile(userRoot, side.root)) {
    linkSideNodeModules(
      userRoot,
      side.root,
      userPackages.map((pkg) => pkg.dir),
    );
  } else {
    io.stderr(
      `compare: ${side.name} (${side.ref}) pins other packages than the working tree: npm ci`,
    );
    await installSide(side.name, side.root, io.sideCommand);
  }
  if (toBuild.length > 0) {
    const started = Date.now();
    io.stderr(
      `compare: building ${side.name} (${side.ref}): ${toBuild.map((pkg) => pkg.name).join(', ')}`,
    );
    const cache = { root: join(userRoot, 'node_modules', '.cache', 'prismq-compare'), keys };
    const report = await buildSide(side.name, side.root, toBuild, cache, io.sideCommand);
    const reused =
      report.reused.length > 0 ? ` (${report.reused.join(', ')} unchanged: reused)` : '';
    io.stderr(
      `compare: ${side.name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s${reused}`,
    );
  }
  return benches;
}

async function benchFiles(benchDir: string, project: string, side: Side): Promise<string[]> {
  const files = (
    await glob([...DEFAULT_BENCH_PATTERNS], { cwd: benchDir, absolute: true, onlyFiles: true })
  ).sort();
  if (files.length === 0) {
    throw new CompareError(
      'COMPARE_NO_FILES',
      `no bench files (${DEFAULT_BENCH_PATTERNS.join(', ')}) in ${project} on the ${side.name} side (${side.ref})`,
    );
  }
  return files;
}

/**
 * Lists the project's cases on both sides and deals them: this shard's cases, those of them both
 * sides have (to measure) and those only one side has (to report).
 */
async function assignProjectShard(
  project: string,
  located: Record<SideName, SideBench>,
  shard: ShardSpec,
  filter: RegExp | undefined,
  tempDir: string,
  io: MeasureIo,
) {
  const listed = await listCases({
    base: located.base,
    head: located.head,
    tempDir,
    ...(filter ? { filter } : {}),
    ...(io.runRound ? { runRound: io.runRound } : {}),
  });
  const all = [...listed.base, ...listed.head];
  if (all.length === 0) {
    const what = filter ? `filter ${filter} matches no case` : 'the bench files register no case';
    throw new CompareError(
      'COMPARE_FILTER_NO_MATCH',
      `${what} present on both sides of ${project}`,
    );
  }
  const assignment = assignShard(all, shard);
  const mine = new Set(assignment.caseIds);
  const onlyIn = (['base', 'head'] as const).flatMap((side) => {
    const other = new Set(listed[side === 'base' ? 'head' : 'base']);
    return listed[side].filter((id) => mine.has(id) && !other.has(id)).map((id) => ({ id, side }));
  });
  const head = new Set(listed.head);
  return {
    ...shard,
    ...assignment,
    onBoth: assignment.caseIds.filter((id) => head.has(id) && listed.base.includes(id)),
    onlyIn,
  };
}

/**
 * Profiles the cases to explain — every case with `--explain`, else those the rounds call
 * `slower` — most changed first, within `--explain-budget`, and locates their frames in each
 * side's checkout (while it still exists).
 */
async function explainCases(
  project: string,
  rounds: PairedMeasurement,
  options: CompareOptions,
  where: {
    located: Record<SideName, SideBench>;
    roots: Record<SideName, string>;
    tempDir: string;
    io: MeasureIo;
  },
): Promise<CaseProfiles[]> {
  if (options.explainBudgetS <= 0) return [];
  const ids = compareCases(rounds.cases, options.threshold, COMPARE_CONFIDENCE)
    .filter((c) => options.explain || c.verdict === 'slower')
    .map((c) => c.id);
  if (ids.length === 0) return [];
  const { io } = where;
  io.stderr(
    `compare ${project}: profiling ${ids.length} case${ids.length === 1 ? '' : 's'} to explain (budget ${options.explainBudgetS} s)`,
  );
  const profiled = await profileCases({
    base: where.located.base,
    head: where.located.head,
    ids,
    plan: {
      sliceNs: (options.timeMs * 1e6) / PAIRS_PER_ROUND,
      slices: Math.max(
        EXPLAIN_SLICES,
        Math.ceil(EXPLAIN_MIN_NS / ((options.timeMs * 1e6) / PAIRS_PER_ROUND)),
      ),
      sampleIntervalUs: EXPLAIN_SAMPLE_INTERVAL_US,
      budgetMs: options.explainBudgetS * 1000,
    },
    tempDir: where.tempDir,
    ...(io.runRound ? { runRound: io.runRound } : {}),
  });
  for (const failure of profiled.failures)
    io.stderr(
      `compare ${project}: ${failure.id} not explained: it threw on the ${failure.side} side while profiled: ${failure.message}`,
    );
  const done = new Set(profiled.profiles.map((p) => p.id));
  const failed = new Set(profiled.failures.map((f) => f.id));
  const left = ids.filter((id) => !done.has(id) && !failed.has(id));
  if (left.length > 0)
    io.stderr(
      `compare ${project}: ${left.length} case${left.length === 1 ? '' : 's'} not explained within --explain-budget ${options.explainBudgetS} s: ${left.join(', ')}`,
    );
  const cache: SourceMapCache = new Map();
  return profiled.profiles.flatMap((p) => {
    try {
      return [
        {
          id: p.id,
          sampleIntervalUs: EXPLAIN_SAMPLE_INTERVAL_US,
          base: readSideProfile(p.base, where.roots.base, cache),
          head: readSideProfile(p.head, where.roots.head, cache),
        },
      ];
    } catch (error) {
      // An unreadable profile costs the case its explanation, never the comparison.
      io.stderr(`compare ${project}: ${p.id} not explained: ${(error as Error).message}`);
      return [];
    }
  });
}

/**
 * The measuring stage of `prismq-bench compare`: resolves both refs, checks each out into a
 * temporary git worktree (the head with the working tree's changes when `--head` is not
 * given), gives it `node_modules` and builds what its benchmark projects load, then measures
 * the projects one after the other in paired rounds — with `--shard`, only the shard's part of
 * each project's cases (listed on both sides first, then dealt) — yielding each project's rounds as soon as
 * they are done. The worktrees are removed when the iteration ends — finished, abandoned or
 * failed — and on SIGINT/SIGTERM.
 * @throws {@link CompareError} for anything that prevents measuring
 */
export async function* measureComparison(
  options: CompareOptions,
  io: MeasureIo,
): AsyncGenerator<ProjectMeasurement, void, undefined> {
  const { git, workspaceRoot } = io;
  const repo = realpathSync(gitTopLevel(git, workspaceRoot));
  const prefix = relative(repo, workspaceRoot);
  const userPackages = readWorkspacePackages(workspaceRoot);
  const projects = options.projects.map((name) => findBenchProject(userPackages, name));

  const baseCommit = resolveCommit(git, repo, options.base, '--base');
  const headCommit = resolveCommit(git, repo, options.head ?? 'HEAD', '--head');
  const changes = options.head === undefined ? workingTreeChanges(git, repo) : undefined;
  const dirty = changes !== undefined && (changes.diff.length > 0 || changes.untracked.length > 0);

  const tempDir = mkdtempSync(join(tmpdir(), 'prismq-compare-'));
  const sides: Record<SideName, Side> = {
    base: {
      name: 'base',
      ref: options.base,
      commit: baseCommit,
      dir: join(tempDir, 'base'),
      root: '',
    },
    head: {
      name: 'head',
      ref: options.head ?? (dirty ? 'working tree' : 'HEAD'),
      commit: headCommit,
      dir: join(tempDir, 'head'),
      root: '',
    },
  };
  const checkedOut: string[] = [];
  const cleanUp = (): void => {
    removeWorktrees(git, repo, checkedOut);
    rmSync(tempDir, { recursive: true, force: true });
  };
  const interrupt = (signal: NodeJS.Signals): void => {
    stopChildren();
    cleanUp();
    io.stderr(`compare: interrupted (${signal}); temporary checkouts removed`);
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const benches = {} as Record<SideName, WorkspacePackage[]>;
    for (const side of [sides.base, sides.head]) {
      io.stderr(`compare: checking out ${side.name} ${side.ref} (${side.commit.slice(0, 10)})`);
      checkedOut.push(side.dir);
      addWorktree(git, repo, side.commit, side.dir);
      if (side.name === 'head' && changes) applyWorkingTree(git, repo, side.dir, changes);
      side.root = join(side.dir, prefix);
      benches[side.name] = await prepareSide(side, io, userPackages, options.projects);
    }

    for (const [index, project] of projects.entries()) {
      const name = project.benchProject ?? project.nxName;
      const located = {} as Record<SideName, SideBench>;
      for (const side of [sides.base, sides.head]) {
        const benchDir = join(side.root, benches[side.name][index]!.dir);
        located[side.name] = {
          side: side.name,
          benchDir,
          files: await benchFiles(benchDir, name, side),
        };
      }
      const plan = {
        rounds: options.rounds,
        maxRounds: options.maxRounds,
        timeNs: options.timeMs * 1e6,
        pairs: PAIRS_PER_ROUND,
      };
      const measure = (filter: RegExp | undefined) =>
        measurePairedRounds({
          project: name,
          base: located.base,
          head: located.head,
          plan,
          undecided: (cases) => undecidedCaseIds(cases, options.threshold, COMPARE_CONFIDENCE),
          tempDir,
          progress: io.stderr,
          ...(filter ? { filter } : {}),
          ...(io.runRound ? { runRound: io.runRound } : {}),
        });
      const shard = options.shard
        ? await assignProjectShard(name, located, options.shard, options.filter, tempDir, io)
        : undefined;
      let rounds: PairedMeasurement;
      if (!shard) rounds = await measure(options.filter);
      else {
        io.stderr(
          `compare ${name}: shard ${shard.index}/${shard.count} holds ${shard.caseIds.length} of ${shard.caseCount} cases`,
        );
        rounds =
          shard.onBoth.length > 0
            ? await measure(exactIds(shard.onBoth))
            : { cases: [], onlyIn: [], failures: [] };
        rounds.onlyIn = shard.onlyIn;
      }
      const profiles = await explainCases(name, rounds, options, {
        located,
        roots: { base: sides.base.dir, head: sides.head.dir },
        tempDir,
        io,
      });
      yield {
        project: name,
        ...(profiles.length > 0 ? { profiles } : {}),
        base: { ref: sides.base.ref, commit: baseCommit },
        head: { ref: sides.head.ref, commit: headCommit, dirty },
        environment: collectEnvironment(workspaceRoot, io.commandLine),
        measuredAt: io.now(),
        threshold: options.threshold,
        rounds,
        ...(shard
          ? {
              shard: {
                index: shard.index,
                count: shard.count,
                caseIds: shard.caseIds,
                caseCount: shard.caseCount,
                caseSetHash: shard.caseSetHash,
              },
            }
          : {}),
      };
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    cleanUp();
  }
}
