import { z } from 'zod';

/** Options of the report generator, as given on the command line. */
export const ReportOptionsSchema = z
  .object({
    reportsDir: z.string().min(1).default('reports'),
    targets: z.string().min(1).default('benchmarks/targets.json'),
    /** Run documents to report on instead of every project's latest.json (comma-separated on the CLI). */
    files: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) =>
        (Array.isArray(value) ? value : (value ?? '').split(','))
          .map((file) => file.trim())
          .filter((file) => file.length > 0),
      ),
    saveBaseline: z.boolean().default(false),
    /**
     * Smallest change in p50, in percent, that a judged delta against the baseline may count
     * as, even where the case's A/A noise is smaller.
     */
    tolerance: z.number().min(0).max(100).default(5),
    allowQuick: z.boolean().default(false),
    check: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !(o.check && o.saveBaseline), {
    message:
      '--check compares against the baseline and writes nothing; it cannot be combined with --saveBaseline',
    path: ['check'],
  });
/** Options of the report generator after validation and defaults. */
export type ReportOptions = z.output<typeof ReportOptionsSchema>;
/** Options of the report generator as accepted from the CLI or a caller. */
export type ReportOptionsInput = z.input<typeof ReportOptionsSchema>;
