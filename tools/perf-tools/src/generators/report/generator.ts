import { firstValidationProblem } from '../../validation-issue';
import { logger, type Tree } from '@nx/devkit';
import { collectInputs } from '../../inputs/collect-inputs';
import { collectPageInputs } from '../../inputs/page-inputs';
import { buildReport, type ReportBuild } from '../../report/build-report';
import { FLAME_DIR } from '../../page/flame-pages';
import { benchResultFolders } from './bench-projects';
import { PerfCheckFailedError } from './perf-check-failed-error';
import { ReportOptionsError } from './report-options-error';
import { ReportOptionsSchema, type ReportOptionsInput } from './report-options';

function parseOptions(raw: ReportOptionsInput) {
  const parsed = ReportOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, rule } = firstValidationProblem(parsed.error, 'options');
    throw new ReportOptionsError(field, rule);
  }
  return parsed.data;
}

// Charts and flame pages of cases or profiles that are gone would otherwise linger.
function removeStale(tree: Tree, reportsDir: string, build: ReportBuild): void {
  const current = new Set(build.reportFiles.map((f) => f.path));
  for (const [folder, extension] of [
    ['charts', '.svg'],
    [FLAME_DIR, '.html'],
  ] as const) {
    const dir = `${reportsDir}/${folder}`;
    for (const name of tree.children(dir)) {
      const path = `${dir}/${name}`;
      if (name.endsWith(extension) && tree.isFile(path) && !current.has(path)) tree.delete(path);
    }
  }
}

/**
 * Does the work of the report generator and returns what it computed: reads every benchmark
 * run, profile summary, load report, baseline, compare document and the targets file from the
 * workspace, and writes PERFORMANCE_BASELINE_REPORT.md, BOTTLENECK_IDENTIFICATION.md, their SVG
 * charts, the HTML page index.html (with the benchmark history) and a flame-graph page per CPU
 * profile under the reports folder, removing charts and flame pages nothing links any more.
 * Every write and removal goes through `tree`, so nothing reaches the disk until the caller
 * flushes the tree's changes (`nx g` does unless `--dry-run` is given). It never runs a
 * benchmark. With `check`, changes nothing and fails when a critical finding or a regression
 * is present.
 * @throws {@link ReportOptionsError} for invalid options, `TargetsFileError` for a bad targets
 *   file, `CompareFileError` for a bad compare document, {@link PerfCheckFailedError} when
 *   check mode finds blocking problems
 */
export function runReport(tree: Tree, rawOptions: ReportOptionsInput): ReportBuild {
  const options = parseOptions(rawOptions);
  const reportsDir = options.reportsDir.replace(/\/+$/, '');
  const inputs = collectInputs({
    root: tree.root,
    reportsDir,
    targetsFile: options.targets,
    files: options.files,
    expectedProjects: benchResultFolders(tree),
    allowQuick: options.allowQuick,
  });
  const page = collectPageInputs(tree.root, reportsDir, inputs.cpuProfiles);
  for (const warning of [...inputs.warnings, ...page.warnings])
    logger.warn(`${warning.file}: ${warning.problem}`);
  const build = buildReport(inputs, { tolerance: options.tolerance / 100 }, reportsDir, page);
  logger.info(
    `${build.analysis.cases.length} cases, ${build.findings.length} findings (${build.blocking.length} blocking), ${inputs.warnings.length} warnings`,
  );
  for (const judgement of build.analysis.baselineJudgements)
    if (!judgement.judged) logger.info(`${judgement.project}: ${judgement.reason}`);
  if (options.check) {
    for (const finding of build.findings) logger.info(`[${finding.severity}] ${finding.title}`);
    if (build.blocking.length > 0)
      throw new PerfCheckFailedError(build.blocking.map((f) => `[${f.severity}] ${f.title}`));
    logger.info('performance check passed');
    return build;
  }
  const files = [...build.reportFiles, ...(options.saveBaseline ? build.baselineFiles : [])];
  for (const file of files) tree.write(file.path, file.content);
  removeStale(tree, reportsDir, build);
  return build;
}

/**
 * Nx generator `@prismq/perf-tools:report`: {@link runReport} with the options of the command
 * line. Synchronous, as Nx allows (a generator returns nothing, a follow-up task or a promise of
 * one); returns nothing, because Nx would run a returned function as a follow-up task.
 * @throws what {@link runReport} throws
 */
export function reportGenerator(tree: Tree, rawOptions: ReportOptionsInput): void {
  runReport(tree, rawOptions);
}

export default reportGenerator;
