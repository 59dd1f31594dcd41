import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompareDocument } from '../results/compare-document-schema.js';
import { workspaceReportsDir } from '../results/reports-layout.js';
import { findWorkspaceRoot } from '../runner/workspace-root.js';
import { analyseComparison, compareExitCode } from './compare-analysis.js';
import { measureComparison } from './compare-measure.js';
import type { CompareOptions } from './compare-options.js';
import { reportComparison } from './compare-report.js';
import { execGit, type GitCommand } from './git-checkout.js';
import type { RoundRunner } from './paired-rounds.js';
import type { SideCommand } from './side-build.js';

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

/** What a finished comparison wrote. */
export interface CompareOutcome {
  documents: CompareDocument[];
  /** 0 no case failed a `--fail-on` verdict, 1 at least one did. */
  exitCode: 0 | 1;
}

/**
 * `prismq-bench compare`: measure → analyse → report, one project at a time. The measuring
 * stage checks both refs out, builds them and runs each project's paired rounds; the analysis
 * turns the rounds into a compare document; the report writes it, prints the table and tells
 * GitHub Actions.
 * @throws {@link CompareError} for anything that prevents a verdict (exit code 2)
 */
export async function runCompare(options: CompareOptions, io: CompareIo): Promise<CompareOutcome> {
  const workspaceRoot = realpathSync(findWorkspaceRoot(resolve(io.cwd)));
  const target = {
    reportsDir: workspaceReportsDir(workspaceRoot),
    ...(options.json !== undefined ? { json: resolve(io.cwd, options.json) } : {}),
    cwd: io.cwd,
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
    colour: io.colour,
  };
  const measurements = measureComparison(options, {
    workspaceRoot,
    stderr: io.stderr,
    commandLine: io.commandLine,
    git: io.git ?? execGit,
    now: io.now ?? (() => new Date()),
    ...(io.sideCommand ? { sideCommand: io.sideCommand } : {}),
    ...(io.runRound ? { runRound: io.runRound } : {}),
  });
  const documents: CompareDocument[] = [];
  for await (const measured of measurements)
    documents.push(reportComparison(analyseComparison(measured), target));
  return { documents, exitCode: compareExitCode(documents, options.failOn) };
}
