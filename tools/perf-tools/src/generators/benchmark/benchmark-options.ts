import { z } from 'zod';

/** Options of the benchmark-project generator. */
export const BenchmarkOptionsSchema = z
  .object({
    project: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'must be a lower-case kebab-case Nx project name (it becomes the case-id module)',
      ),
    directory: z.string().min(1).optional(),
  })
  .strict();
/** Options of the benchmark-project generator. */
export type BenchmarkOptions = z.infer<typeof BenchmarkOptionsSchema>;
