import { appendFileSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { writeFileAtomic } from '../results/atomic-write.js';
import { DEFAULT_BENCH_PATTERNS } from '../runner/benchmark-runner.js';
import {
  COMPARE_SCHEMA_VERSION,
  CompareDocumentSchema,
  type CompareDocument,
} from '../results/compare-document-schema.js';
import { collectEnvironment } from '../results/environment.js';
import {
  appendBenchmarkHistory,
  benchmarkHistoryPath,
  historyEntriesOfComparison,
} from '../history/benchmark-history.js';
import { findWorkspaceRoot } from '../runner/workspace-root.js';
import { compareCases, undecidedCaseIds } from './case-comparison.js';
import { stopChildren } from './child-process.js';
import { CompareError } from './compare-error.js';
import type { CompareOptions } from './compare-options.js';
import {
  formatCompareMarkdown,
  formatCompareTable,
  githubAnnotations,
  githubWarning,
} from './compare-table.js';
import {
  addWorktree,
  applyWorkingTree,
  execGit,
  gitTopLevel,
  removeWorktrees,
  resolveCommit,
  workingTreeChanges,
  type GitCommand,
} from './git-checkout.js';
import { measurePairedRounds, type RoundRunner, type SideBench } from './paired-rounds.js';
import { buildKeys } from './build-cache.js';
import { buildSide, installSide, type SideCommand } from './side-build.js';
import { linkSideNodeModules, sameLockfile } from './side-node-modules.js';
import {
  findBenchProject,
  packagesToBuild,
  readWorkspacePackages,
  type WorkspacePackage,
} from './workspace-packages.js';
import type { SideName } from './worker-protocol.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';

/** Confidence of every interval a comparison reports. */
const COMPARE_CONFIDENCE = 0.95;
/** Alternations of base and head per case within one round. */
const PAIRS_PER_ROUND = 8;
/** Name of the method recorded in the compare document. */
const COMPARE_METHOD = 'paired-rounds/wilcoxon-signed-rank';

/** Where the command reads and writes; the defaults are the real process. */
export interface CompareIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour the table (a terminal that is not NO_COLOR). */
  colour: boolean;
  commandLine: readonly string[];
  git?: GitCommand;
  sideCommand?: SideCommand;
  runRound?: RoundRunner;
  now?: () => Date;
}

interface Side {
  name: SideName;
  ref: string;
  commit: string;
  dir: string;
  root: string;
}

/** What a finished comparison wrote. */
export interface CompareOutcome {
  documents: CompareDocument[];
  /** 0 no case slower, 1 at least one slower. */
  exitCode: 0 | 1;
}

async function prepareSide(
  side: Side,
  io: CompareIo,
  git: GitCommand,
  userRoot: string,
  userPackages: readonly WorkspacePackage[],
  projectNames: readonly string[],
): Promise<WorkspacePackage[]> {
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
  const keys = buildKeys(git, side.dir, relative(side.dir, side.root), packages);
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
 * `prismq-bench compare`: checks both refs out, builds them, measures the projects' cases in
 * paired rounds and writes a compare document per project.
 * @throws {@link CompareError} for anything that prevents a verdict (exit code 2)
 */
export async function runCompare(options: CompareOptions, io: CompareIo): Promise<CompareOutcome> {
  const git = io.git ?? execGit;
  const now = io.now ?? (() => new Date());
  const workspaceRoot = realpathSync(findWorkspaceRoot(resolve(io.cwd)));
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
      benches[side.name] = await prepareSide(
        side,
        io,
        git,
        workspaceRoot,
        userPackages,
        options.projects,
      );
    }

    const documents: CompareDocument[] = [];
    const aa = baseCommit === headCommit && !dirty;
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
      const measured = await measurePairedRounds({
        project: name,
        base: located.base,
        head: located.head,
        plan: {
          rounds: options.rounds,
          maxRounds: options.maxRounds,
          timeNs: options.timeMs * 1e6,
          pairs: PAIRS_PER_ROUND,
        },
        undecided: (cases) => undecidedCaseIds(cases, options.threshold, COMPARE_CONFIDENCE),
        tempDir,
        progress: io.stderr,
        ...(options.filter ? { filter: options.filter } : {}),
        ...(io.runRound ? { runRound: io.runRound } : {}),
      });
      const notCompared = [
        ...measured.onlyIn.map((only) => ({
          id: only.id,
          why: `exists only on the ${only.side} side; not compared`,
        })),
        ...measured.failures.map((failure) => ({
          id: failure.id,
          why: `threw on the ${failure.side} side: ${failure.message}`,
        })),
      ];
      for (const { id, why } of notCompared) {
        io.stderr(`compare ${name}: ${id} ${why}`);
        if (io.env['GITHUB_ACTIONS'] === 'true') io.stdout(githubWarning(name, id, why));
      }
      const cases = compareCases(measured.cases, options.threshold, COMPARE_CONFIDENCE);
      if (cases.length === 0)
        throw new CompareError(
          'COMPARE_MEASURE_FAILED',
          `no case of ${name} could be measured on both sides`,
        );

      const document = validateDocument({
        schemaVersion: COMPARE_SCHEMA_VERSION,
        project: name,
        createdAt: now().toISOString(),
        base: { ref: sides.base.ref, commit: baseCommit },
        head: { ref: sides.head.ref, commit: headCommit, dirty },
        environment: collectEnvironment(workspaceRoot, io.commandLine),
        method: {
          name: COMPARE_METHOD,
          threshold: options.threshold,
          confidence: COMPARE_CONFIDENCE,
        },
        cases,
      });
      const text = `${JSON.stringify(document, null, 2)}\n`;
      const reportPath = join(
        workspaceRoot,
        'reports',
        'compare',
        `${name}${aa ? '.aa' : ''}.json`,
      );
      writeFileAtomic(reportPath, text);
      // A comparison is a point of the head's history too, carrying its verdict; an A/A run
      // measures noise, not the code, so it stays out.
      if (!aa)
        appendBenchmarkHistory(
          benchmarkHistoryPath(join(workspaceRoot, 'reports', 'benchmarks'), name),
          historyEntriesOfComparison(document),
        );
      if (options.json !== undefined) writeFileAtomic(resolve(io.cwd, options.json), text);
      io.stdout(`${formatCompareTable(document, io.colour)}\n`);
      io.stderr(`compare ${name}: written to ${relative(io.cwd, reportPath) || reportPath}`);
      reportToGithub(document, io);
      documents.push(document);
    }
    const slower = documents.some((document) => document.cases.some((c) => c.verdict === 'slower'));
    return { documents, exitCode: slower ? 1 : 0 };
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    cleanUp();
  }
}

function validateDocument(document: CompareDocument): CompareDocument {
  const parsed = CompareDocumentSchema.safeParse(document);
  if (!parsed.success) {
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `compare document of ${document.project} is invalid at ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  }
  return parsed.data;
}

function reportToGithub(document: CompareDocument, io: CompareIo): void {
  if (io.env['GITHUB_ACTIONS'] !== 'true') return;
  const summary = io.env['GITHUB_STEP_SUMMARY'];
  if (summary && existsSync(resolve(summary, '..')))
    appendFileSync(summary, `${formatCompareMarkdown(document)}\n`);
  for (const line of githubAnnotations(document)) io.stdout(line);
}
