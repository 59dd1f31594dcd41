import type { CpuProfileSummary, FunctionTiming, MemoryReport } from '@prismq/profiling';

/**
 * Rewrites an absolute path (or `file://` URL) under `root` as a workspace-relative path, so
 * that committed reports do not depend on where the workspace was checked out.
 */
export function workspaceRelative(path: string, root: string): string {
  const plain = path.startsWith('file://')
    ? decodeURIComponent(path.slice('file://'.length))
    : path;
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return plain.startsWith(prefix) ? plain.slice(prefix.length) : path;
}

function relativeTiming(timing: FunctionTiming, root: string): FunctionTiming {
  return {
    ...timing,
    url: workspaceRelative(timing.url, root),
    location: workspaceRelative(timing.location, root),
    ...(timing.builtLocation !== undefined
      ? { builtLocation: workspaceRelative(timing.builtLocation, root) }
      : {}),
  };
}

/** A CPU profile summary with its paths and locations made workspace-relative. */
export function relativeCpuSummary(summary: CpuProfileSummary, root: string): CpuProfileSummary {
  return {
    ...summary,
    profilePath: workspaceRelative(summary.profilePath, root),
    topSelf: summary.topSelf.map((t) => relativeTiming(t, root)),
    topTotal: summary.topTotal.map((t) => relativeTiming(t, root)),
    ...(summary.sourceRoot !== undefined
      ? { sourceRoot: workspaceRelative(summary.sourceRoot, root) }
      : {}),
  };
}

/** A memory report with its paths and allocation sites made workspace-relative. */
export function relativeMemoryReport(report: MemoryReport, root: string): MemoryReport {
  return {
    ...report,
    ...(report.heapProfilePath
      ? { heapProfilePath: workspaceRelative(report.heapProfilePath, root) }
      : {}),
    ...(report.topAllocations
      ? {
          topAllocations: report.topAllocations.map((site) => ({
            ...site,
            url: workspaceRelative(site.url, root),
            location: workspaceRelative(site.location, root),
          })),
        }
      : {}),
  };
}
