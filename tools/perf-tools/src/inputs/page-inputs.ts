import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSourceMapResolver,
  historyPath,
  parseHistoryFileName,
  readBenchmarkHistory,
  reportsFolder,
  type CpuProfileSummary,
  type HistoryEntry,
  type SourceMapResolver,
} from '@prismq/profiling';
import { parseCpuProfile, type CpuProfile } from '@prismq/profiling/flamegraph';
import type { InputWarning, Sourced } from './report-inputs';
import { workspaceRelative } from './workspace-relative';

/** A raw `.cpuprofile` to draw as a flame graph, with the summary that named it. */
export interface FlameSource {
  /** Scenario name of the profile. */
  readonly name: string;
  /** Workspace-relative path of the `.cpuprofile`. */
  readonly profileFile: string;
  /** The profile, its script URLs made workspace-relative. */
  readonly profile: CpuProfile;
}

/** What the HTML report page needs beyond the Markdown reports' inputs. */
export interface PageInputs {
  /** Every valid history entry of every project, oldest first. */
  readonly history: readonly HistoryEntry[];
  /** Workspace-relative history files that were read. */
  readonly historyFiles: readonly string[];
  readonly flameSources: readonly FlameSource[];
  /** Locates the flame graphs' frames in their sources (relative to the workspace root). */
  readonly sourceMaps?: SourceMapResolver;
  readonly warnings: readonly InputWarning[];
}

function readHistories(root: string, reportsDir: string, warnings: InputWarning[]) {
  const dir = join(root, reportsFolder(reportsDir, 'history'));
  const projects = existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .flatMap((name) => parseHistoryFileName(name) ?? [])
    : [];
  const history: HistoryEntry[] = [];
  const files: string[] = [];
  for (const project of projects) {
    const file = historyPath(reportsDir, project);
    const read = readBenchmarkHistory(join(root, file));
    files.push(file);
    history.push(...read.entries);
    for (const problem of read.problems)
      warnings.push({ file, problem: `line ${problem.line} skipped: ${problem.problem}` });
  }
  // Oldest first; ties keep a fixed order so the page is the same bytes for the same files.
  history.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.project.localeCompare(b.project, 'en') ||
      a.id.localeCompare(b.id, 'en') ||
      a.source.localeCompare(b.source),
  );
  return { history, files };
}

function relativeProfile(profile: CpuProfile, root: string): CpuProfile {
  return {
    ...profile,
    nodes: profile.nodes.map((node) => ({
      ...node,
      callFrame: { ...node.callFrame, url: workspaceRelative(node.callFrame.url, root) },
    })),
  };
}

function readFlameSources(
  root: string,
  cpuProfiles: readonly Sourced<CpuProfileSummary>[],
  warnings: InputWarning[],
): FlameSource[] {
  const sources: FlameSource[] = [];
  for (const { file, data } of cpuProfiles) {
    const path = join(root, data.profilePath);
    if (!existsSync(path)) {
      warnings.push({
        file,
        problem: `its profile ${data.profilePath} is missing; no flame graph`,
      });
      continue;
    }
    try {
      const profile = parseCpuProfile(readFileSync(path, 'utf8'), data.profilePath);
      sources.push({
        name: data.name,
        profileFile: data.profilePath,
        profile: relativeProfile(profile, root),
      });
    } catch (error) {
      warnings.push({ file: data.profilePath, problem: (error as Error).message });
    }
  }
  return sources;
}

/**
 * Reads the benchmark history (`<reportsDir>/history/*.jsonl`) and the `.cpuprofile` behind
 * each CPU profile summary, with a source-map resolver over the workspace for their frames.
 * Bad lines and unreadable profiles become warnings.
 */
export function collectPageInputs(
  root: string,
  reportsDir: string,
  cpuProfiles: readonly Sourced<CpuProfileSummary>[],
): PageInputs {
  const warnings: InputWarning[] = [];
  const { history, files } = readHistories(root, reportsDir, warnings);
  const flameSources = readFlameSources(root, cpuProfiles, warnings);
  const sourceMaps = createSourceMapResolver({ root });
  return { history, historyFiles: files, flameSources, sourceMaps, warnings };
}
