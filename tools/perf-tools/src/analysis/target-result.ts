import type { CaseTarget, MemoryTarget } from '../targets/targets-file-schema';

/**
 * Whether a target was met. "not measured": the case or metric is missing from the results;
 * "not evaluated": the case was measured but what it is judged against (a relative target's
 * reference case) was not.
 */
export type TargetStatus = 'met' | 'missed' | 'not measured' | 'not evaluated';

/** One target checked against its measurement. */
export interface TargetResult {
  readonly target: CaseTarget | MemoryTarget;
  /** The case or memory scenario measured. */
  readonly subject: string;
  readonly status: TargetStatus;
  /**
   * Measured value in the target's unit; for a relative target, the measured ratio to its
   * reference case.
   */
  readonly measured?: number;
  /**
   * How many times better than the target the measurement is: 2 means twice as fast (or half
   * the memory); below 1 the target is missed by 1 / margin.
   */
  readonly margin?: number;
  /** File the measurement came from. */
  readonly file?: string;
  /** Why a target is not measured or not evaluated. */
  readonly reason?: string;
}

/** Judges `measured op bound`; the margin is how many times better than the bound it is. */
export function judge(
  target: CaseTarget | MemoryTarget,
  subject: string,
  measured: number,
  bound: number,
  file: string,
): TargetResult {
  const lowerIsBetter = target.op === '<' || target.op === '<=';
  const margin = lowerIsBetter ? bound / measured : measured / bound;
  const met =
    target.op === '<'
      ? measured < bound
      : target.op === '<='
        ? measured <= bound
        : target.op === '>'
          ? measured > bound
          : measured >= bound;
  return { target, subject, status: met ? 'met' : 'missed', measured, margin, file };
}

/** A target that could not be checked, with the reason. */
export function unjudged(
  target: CaseTarget | MemoryTarget,
  subject: string,
  status: 'not measured' | 'not evaluated',
  reason: string,
  file?: string,
): TargetResult {
  return { target, subject, status, reason, ...(file ? { file } : {}) };
}
