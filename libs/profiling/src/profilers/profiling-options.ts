import { z } from 'zod';
import { ProfilingError } from '../collector/profiling-error.js';
import { firstIssue, formatOptionIssue } from '../results/validation-issue.js';

const name = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[^/\\]+$/, 'must not contain path separators');
const outputDir = z.string().min(1, 'must not be empty');
const top = z.number().int('must be an integer').positive('must be greater than 0');

/** Options of the CPU profiler (`profileFunction`, `@profile`). */
export const CpuProfileOptionsSchema = z.object({
  /** File name stem: `<name>_<timestamp>_<pid>-<n>.cpuprofile`. */
  name,
  /** Folder of the files (default: `PRISMQ_PROFILE_DIR/cpu`, else `reports/cpu` under the cwd). */
  outputDir: outputDir.optional(),
  /** V8 sampling interval in microseconds (default 100). */
  sampleIntervalUs: z
    .number()
    .int('must be an integer')
    .positive('must be greater than 0')
    .default(100),
  /** Rows of each summary table (default 20). */
  top: top.default(20),
  /**
   * Keep @prismq/profiling's own functions in the summary tables (default false: they are the
   * profiler measuring itself). The raw profile always has every frame.
   */
  includeProfilerFrames: z.boolean().default(false),
  /**
   * Folder that source-mapped locations are relative to; a source map pointing outside it is
   * refused (default: the nearest folder at or above the working directory holding `.git`,
   * else the working directory).
   */
  sourceRoot: z.string().min(1, 'must not be empty').optional(),
});
/** Options of the CPU profiler. */
export type CpuProfileOptions = z.input<typeof CpuProfileOptionsSchema>;
/** CPU profiler options with defaults applied. */
export type CpuProfileSettings = z.output<typeof CpuProfileOptionsSchema>;

/** Options of the memory profiler (`profileMemory`, `@profileMemory`). */
export const MemoryProfileOptionsSchema = z.object({
  /** File name stem: `<name>_<timestamp>_<pid>-<n>.memory.json`. */
  name,
  /** Folder of the files (default: `PRISMQ_PROFILE_DIR/memory`, else `reports/memory` under the cwd). */
  outputDir: outputDir.optional(),
  /** How often memory is sampled during an async call, in ms (default 10). */
  sampleIntervalMs: z.number().positive('must be greater than 0').default(10),
  /** Record V8's sampling heap profile and its top allocation sites (default false). */
  heapSampling: z.boolean().default(false),
  /** Average bytes between heap samples when `heapSampling` is on (default 32768). */
  heapSamplingIntervalBytes: z
    .number()
    .int('must be an integer')
    .positive('must be greater than 0')
    .default(32_768),
  /** Call the function this many more times, with a forced GC after each, to expose leaks (default 0). */
  repeat: z.number().int('must be an integer').nonnegative('must not be negative').default(0),
  /** Allocation sites listed (default 20). */
  top: top.default(20),
  /**
   * Keep @prismq/profiling's own functions in the summary tables (default false: they are the
   * profiler measuring itself). The raw profile always has every frame.
   */
  includeProfilerFrames: z.boolean().default(false),
});
/** Options of the memory profiler. */
export type MemoryProfileOptions = z.input<typeof MemoryProfileOptionsSchema>;
/** Memory profiler options with defaults applied. */
export type MemoryProfileSettings = z.output<typeof MemoryProfileOptionsSchema>;

/** Options of the time profiler (`timeFunction`, `@timed`). */
export const TimeOptionsSchema = z.object({
  /** Name of the records (default: the function's or method's name). */
  name: name.optional(),
  /**
   * Also measure CPU time with `process.cpuUsage()`, a system call of about 1 µs. Default: true
   * for `timeFunction`, false for `@timed`, which sits on hot paths.
   */
  cpuTime: z.boolean().optional(),
  /** Append each record as one JSON line to this file. */
  jsonlFile: z.string().min(1, 'must not be empty').optional(),
});
/** Options of the time profiler. */
export type TimeOptions = z.input<typeof TimeOptionsSchema>;

/**
 * Validates profiler options once, outside any hot path.
 * @throws {@link ProfilingError} `PROFILE_INVALID_OPTION` naming the option, the caller and the rule
 */
export function parseProfilingOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  caller: string,
): z.output<S> {
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error);
  throw new ProfilingError(
    'PROFILE_INVALID_OPTION',
    issue.path.length > 0 ? issue.path.map(String).join('.') : 'options',
    `${caller}: ${formatOptionIssue(issue, options)}`,
  );
}
