import { posix } from 'node:path';
import { layoutFlameGraph, renderFlameGraphPage } from '@prismq/profiling/flamegraph';
import type { SourceMapResolver } from '@prismq/profiling';
import type { FlameSource } from '../inputs/page-inputs';
import type { OutputFile } from '../report/build-report';
import { chartSlug } from '../report/chart-file';

/** A flame-graph page of one CPU profile, and how the report page links it. */
export interface FlamePage {
  readonly name: string;
  readonly totalSamples: number;
  /** Link from the report page: `flame/<name>.html`. */
  readonly href: string;
  /** Link from the report page to the raw `.cpuprofile`. */
  readonly profileHref: string;
  readonly file: OutputFile;
}

/** Folder of the flame-graph pages inside the reports folder. */
export const FLAME_DIR = 'flame';

/**
 * One self-contained flame-graph page per profile, under `<reportsDir>/flame/`, its frames
 * located in their sources through `sourceMaps` when given. Pure but for the resolver's reads.
 */
export function buildFlamePages(
  sources: readonly FlameSource[],
  reportsDir: string,
  sourceMaps?: SourceMapResolver,
): FlamePage[] {
  return sources.map((source) => {
    const href = `${FLAME_DIR}/${chartSlug(source.name)}.html`;
    const page = renderFlameGraphPage(source.profile, {
      title: source.name,
      profileHref: posix.relative(`${reportsDir}/${FLAME_DIR}`, source.profileFile),
      backHref: '../index.html',
      sourceMaps,
    });
    return {
      name: source.name,
      totalSamples: layoutFlameGraph(source.profile).totalSamples,
      href,
      profileHref: posix.relative(reportsDir, source.profileFile),
      file: { path: `${reportsDir}/${href}`, content: page },
    };
  });
}
