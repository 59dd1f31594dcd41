import { z } from 'zod';
import type { CpuProfile } from '../profilers/cpu-profile.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';

const CallFrameSchema = z.object({
  functionName: z.string(),
  scriptId: z.string().optional(),
  url: z.string(),
  lineNumber: z.number().int(),
  columnNumber: z.number().int(),
});

/** The shape of a `.cpuprofile` file (what V8's `Profiler.stop` returns). */
export const CpuProfileSchema = z.object({
  nodes: z
    .array(
      z.object({
        id: z.number().int(),
        callFrame: CallFrameSchema,
        hitCount: z.number().int().nonnegative().optional(),
        children: z.array(z.number().int()).optional(),
        positionTicks: z
          .array(
            z.object({ line: z.number().int().positive(), ticks: z.number().int().nonnegative() }),
          )
          .optional(),
      }),
    )
    .min(1),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number().int()).optional(),
  timeDeltas: z.array(z.number()).optional(),
});

/** A `.cpuprofile` text that is not JSON or not a CPU profile. */
export class CpuProfileFormatError extends Error {
  /** The class name, for logs. */
  override readonly name = 'CpuProfileFormatError';
  /** What callers branch on. */
  readonly code = 'CPU_PROFILE_INVALID';
  constructor(
    /** Where the text came from, e.g. its path. */
    readonly source: string,
    problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

/**
 * Parses the text of a `.cpuprofile`.
 * @throws {@link CpuProfileFormatError} naming the source and the first problem
 */
export function parseCpuProfile(text: string, source: string): CpuProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CpuProfileFormatError(source, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = CpuProfileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CpuProfileFormatError(
      source,
      `not a CPU profile at ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  }
  return parsed.data;
}
