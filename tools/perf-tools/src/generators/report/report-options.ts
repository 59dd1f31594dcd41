import { z } from 'zod';

/**
 * Options of the report generator, as given on the command line. The one source of the
 * options: `schema.json` (what `nx g` reads) and the options table of the README are
 * generated from it by `npm run schema -w @prismq/perf-tools`.
 */
export const ReportOptionsSchema = z
  .object({
    reportsDir: z
      .string()
      .min(1)
      .default('reports')
      .describe(
        'Folder, relative to the workspace root, that holds `benchmarks/`, `cpu/`, `memory/`, `load/`, `history/`, `baseline/` and `compare/`. The reports, charts and `index.html` are written here too.',
      ),
    targets: z
      .string()
      .min(1)
      .default('benchmarks/targets.json')
      .describe('The targets file (versioned, validated).'),
    files: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) =>
        (Array.isArray(value) ? value : (value ?? '').split(','))
          .map((file) => file.trim())
          .filter((file) => file.length > 0),
      )
      .describe(
        'Comma-separated run documents to report on instead of every `<reportsDir>/benchmarks/<project>/latest.json`.',
      ),
    saveBaseline: z
      .boolean()
      .default(false)
      .describe(
        'Also write each current run to `<reportsDir>/baseline/<project>.json` (the report still compares against the previous baseline).',
      ),
    tolerance: z
      .number()
      .min(0)
      .max(100)
      .default(5)
      .describe(
        "In percent: the smallest change in p50 that a judged delta against the baseline can count as, even where the case's A/A noise is smaller.",
      ),
    allowQuick: z
      .boolean()
      .default(false)
      .describe(
        "Accept runs (and load tests) made in the runner's quick mode. By default they are refused, with a warning.",
      ),
    check: z
      .boolean()
      .default(false)
      .describe(
        'CI mode: prints every finding, writes nothing, and fails on critical findings or regressions (slower in a paired comparison, or beyond the A/A noise against a same-machine baseline).',
      ),
  })
  .strict()
  .refine((o) => !(o.check && o.saveBaseline), {
    message:
      '--check compares against the baseline and writes nothing; it cannot be combined with --saveBaseline',
    path: ['check'],
  })
  .meta({
    title: 'Performance reports',
    description:
      'Writes PERFORMANCE_BASELINE_REPORT.md, BOTTLENECK_IDENTIFICATION.md, their SVG charts and index.html from the measured benchmark, profile, load and compare results; --check turns it into a CI gate. It never runs benchmarks.',
  });
/** Options of the report generator after validation and defaults. */
export type ReportOptions = z.output<typeof ReportOptionsSchema>;
/** Options of the report generator as accepted from the CLI or a caller. */
export type ReportOptionsInput = z.input<typeof ReportOptionsSchema>;
