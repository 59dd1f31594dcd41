import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  ResultFileError,
  baselinePath,
  latestRunPath,
  readBenchmarkRun,
  reportsFolder,
  readCpuProfileSummary,
  readLoadTestReport,
  readMemoryReport,
  type BenchmarkRun,
  type CompareDocument,
  type ReportsFolder,
} from '@prismq/profiling';
import { readTargetsFile } from '../targets/read-targets-file';
import { readCompareDocuments } from './read-compare-documents';
import type { InputWarning, ReportInputs, Sourced } from './report-inputs';
import { relativeCpuSummary, relativeMemoryReport } from './workspace-relative';

/** Where to look for inputs; all paths are relative to `root`. */
export interface InputLocations {
  /** Workspace root. */
  readonly root: string;
  /** Folder holding benchmarks/, cpu/, memory/, load/ and baseline/. */
  readonly reportsDir: string;
  readonly targetsFile: string;
  /** Run documents to use instead of every `<reportsDir>/benchmarks/<project>/latest.json`. */
  readonly files?: readonly string[];
  /** Projects that have a `bench` target, keyed by the results folder they write to. */
  readonly expectedProjects: readonly string[];
  /** Accept runs made with the runner's quick mode. */
  readonly allowQuick: boolean;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function listDir(path: string): string[] {
  return existsSync(path) ? readdirSync(path).sort() : [];
}

function describe(error: unknown): string {
  // ResultFileError already names the absolute path; the warning names the relative one.
  if (error instanceof ResultFileError)
    return `${error.code}: ${error.message.slice(error.source.length + 2)}`;
  return (error as Error).message;
}

function readSourced<T>(
  root: string,
  absolute: string,
  reader: (path: string) => T,
  warnings: InputWarning[],
): Sourced<T> | undefined {
  const file = toPosix(relative(root, absolute));
  try {
    return { file, data: reader(absolute) };
  } catch (error) {
    warnings.push({ file, problem: describe(error) });
    return undefined;
  }
}

function acceptRun(
  run: Sourced<BenchmarkRun> | undefined,
  allowQuick: boolean,
  warnings: InputWarning[],
): run is Sourced<BenchmarkRun> {
  if (!run) return false;
  if (run.data.quick && !allowQuick) {
    warnings.push({
      file: run.file,
      problem: 'quick-mode run refused; rerun without quick mode or pass --allowQuick',
    });
    return false;
  }
  if (run.data.cases.length === 0) {
    warnings.push({ file: run.file, problem: 'run holds no cases' });
    return false;
  }
  return true;
}

function newestPerName<T extends { name: string; timestamp: string }>(
  docs: Sourced<T>[],
): Sourced<T>[] {
  const byName = new Map<string, Sourced<T>>();
  for (const doc of docs) {
    const kept = byName.get(doc.data.name);
    const newer =
      !kept ||
      doc.data.timestamp > kept.data.timestamp ||
      (doc.data.timestamp === kept.data.timestamp && doc.file > kept.file);
    if (newer) byName.set(doc.data.name, doc);
  }
  return [...byName.values()].sort((a, b) => a.data.name.localeCompare(b.data.name, 'en'));
}

function readRuns(locations: InputLocations, warnings: InputWarning[]): Sourced<BenchmarkRun>[] {
  const { root, reportsDir } = locations;
  const runs: Sourced<BenchmarkRun>[] = [];
  if (locations.files && locations.files.length > 0) {
    for (const file of locations.files) {
      const run = readSourced(root, join(root, file), readBenchmarkRun, warnings);
      if (acceptRun(run, locations.allowQuick, warnings)) runs.push(run);
    }
  } else {
    const found = listDir(join(root, reportsFolder(reportsDir, 'benchmarks'))).filter((name) =>
      existsSync(join(root, latestRunPath(reportsDir, name))),
    );
    for (const project of found) {
      const run = readSourced(
        root,
        join(root, latestRunPath(reportsDir, project)),
        readBenchmarkRun,
        warnings,
      );
      if (acceptRun(run, locations.allowQuick, warnings)) runs.push(run);
    }
    for (const project of locations.expectedProjects) {
      if (!found.includes(project)) {
        warnings.push({
          file: latestRunPath(reportsDir, project),
          problem: `project "${project}" has a bench target but no results; run its bench target`,
        });
      }
    }
  }
  const byProject = new Map<string, Sourced<BenchmarkRun>>();
  for (const run of runs) {
    const previous = byProject.get(run.data.project);
    if (previous) {
      warnings.push({
        file: run.file,
        problem: `second run of project "${run.data.project}"; ${previous.file} is used`,
      });
    } else byProject.set(run.data.project, run);
  }
  return [...byProject.values()].sort((a, b) => a.data.project.localeCompare(b.data.project, 'en'));
}

function readBaselines(
  locations: InputLocations,
  projects: readonly string[],
  warnings: InputWarning[],
) {
  const baselines: Sourced<BenchmarkRun>[] = [];
  for (const project of projects) {
    const path = join(locations.root, baselinePath(locations.reportsDir, project));
    if (!existsSync(path)) continue;
    const baseline = readSourced(locations.root, path, readBenchmarkRun, warnings);
    if (baseline) baselines.push(baseline);
  }
  return baselines;
}

function readFolder<T>(
  locations: InputLocations,
  folder: ReportsFolder,
  suffix: string,
  reader: (path: string) => T,
  warnings: InputWarning[],
): Sourced<T>[] {
  const dir = join(locations.root, reportsFolder(locations.reportsDir, folder));
  return listDir(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => readSourced(locations.root, join(dir, name), reader, warnings))
    .filter((doc): doc is Sourced<T> => doc !== undefined);
}

// A paired comparison speaks for the commit it measured; say so when the runs are of another.
function staleCompareWarnings(
  compares: readonly Sourced<CompareDocument>[],
  runs: readonly Sourced<BenchmarkRun>[],
): InputWarning[] {
  return compares.flatMap(({ file, data }) => {
    const run = runs.find((r) => r.data.project === data.project);
    const commit = run?.data.environment.gitCommit;
    if (!commit || commit === data.head.commit) return [];
    return [
      {
        file,
        problem: `compares head ${data.head.commit.slice(0, 12)}, but the benchmark run of "${data.project}" is of ${commit.slice(0, 12)}; rerun prismq-bench compare for the current commit`,
      },
    ];
  });
}

/**
 * Reads and validates every input of the reports. Bad result files become warnings; a bad
 * targets file or compare document is an error, because verdicts depend on it.
 * @throws {@link TargetsFileError} when the targets file is missing or invalid
 * @throws {@link CompareFileError} when a compare document is unreadable or invalid
 */
export function collectInputs(locations: InputLocations): ReportInputs {
  const warnings: InputWarning[] = [];
  const targets = readTargetsFile(locations.root, locations.targetsFile);
  const runs = readRuns(locations, warnings);
  const baselines = readBaselines(
    locations,
    runs.map((run) => run.data.project),
    warnings,
  );
  const { root } = locations;
  const { compares, noiseMeasurements } = readCompareDocuments(root, locations.reportsDir);
  warnings.push(...staleCompareWarnings(compares, runs));
  const cpuProfiles = newestPerName(
    readFolder(
      locations,
      'cpu',
      '.cpu.json',
      (path) => relativeCpuSummary(readCpuProfileSummary(path), root),
      warnings,
    ),
  );
  const memoryReports = newestPerName(
    readFolder(
      locations,
      'memory',
      '.memory.json',
      (path) => relativeMemoryReport(readMemoryReport(path), root),
      warnings,
    ),
  );
  const loadReports = readFolder(locations, 'load', '.json', readLoadTestReport, warnings)
    .filter((doc) => {
      if (doc.data.quick && !locations.allowQuick) {
        warnings.push({
          file: doc.file,
          problem: 'quick-mode load test refused; pass --allowQuick to use it',
        });
        return false;
      }
      return true;
    })
    .sort((a, b) => a.data.project.localeCompare(b.data.project, 'en'));
  const needsLoad = targets.targets.some((t) => t.source === 'load');
  if (needsLoad && loadReports.length === 0) {
    warnings.push({
      file: reportsFolder(locations.reportsDir, 'load'),
      problem: 'no load-test results; targets on whole-server metrics are not measured',
    });
  }
  return {
    runs,
    baselines,
    compares,
    noiseMeasurements,
    cpuProfiles,
    memoryReports,
    loadReports,
    targets,
    targetsFile: locations.targetsFile,
    warnings,
  };
}
