import type { MemoryReport } from '@prismq/profiling';

/** The memory target in `benchmarks/targets.json` that one scoring session is checked against. */
export const SESSION_TARGET_ID = 'scoring-memory-session';

/** A budget override that is not a positive number of megabytes. */
export class BudgetSettingError extends Error {
  /** Always `BUDGET_SETTING_INVALID`. */
  readonly code = 'BUDGET_SETTING_INVALID' as const;

  constructor(variable: string, value: string) {
    super(`${variable} must be a positive number of megabytes; got ${JSON.stringify(value)}`);
    this.name = 'BudgetSettingError';
  }
}

/**
 * The session budget in bytes: `PRISMQ_SCORING_SESSION_BUDGET_MB` when set (so the check
 * itself can be tested with a budget that every session exceeds), else `targetBytes`, the
 * bound of {@link SESSION_TARGET_ID} in the targets file.
 * @throws {BudgetSettingError} when the variable is set to anything but a positive number
 */
export function sessionBudgetBytes(
  env: Readonly<Record<string, string | undefined>>,
  targetBytes: number,
): number {
  const variable = 'PRISMQ_SCORING_SESSION_BUDGET_MB';
  const raw = env[variable];
  if (raw === undefined || raw === '') return targetBytes;
  const megabytes = Number(raw);
  if (!(megabytes > 0 && megabytes < Infinity)) throw new BudgetSettingError(variable, raw);
  return megabytes * 1024 * 1024;
}

/** How one profiled session compares with the memory budget. */
export interface BudgetVerdict {
  name: string;
  /** Heap the session needed at its height: peak heap used minus heap used before it. */
  sessionBytes: number;
  /** RSS growth over the session, for context (includes allocator slack). */
  rssIncreaseBytes: number;
  /** Heap after the last forced GC minus after the first, over the repeated calls. */
  retainedGrowthBytes: number | null;
  withinBudget: boolean;
}

/** Judges a memory report against a budget; pure, so the rule is testable without profiling. */
export function judgeSession(report: MemoryReport, budgetBytes: number): BudgetVerdict {
  const sessionBytes = Math.max(0, report.peak.heapUsed - report.before.heapUsed);
  const repeated = report.heapAfterRepeatedCalls;
  const retainedGrowthBytes =
    repeated !== undefined && repeated.length > 1
      ? (repeated.at(-1) as number) - (repeated[0] as number)
      : null;
  return {
    name: report.name,
    sessionBytes,
    rssIncreaseBytes: report.increase.rss,
    retainedGrowthBytes,
    withinBudget: sessionBytes <= budgetBytes,
  };
}

/** One line of the profile target's summary. */
export function formatVerdict(verdict: BudgetVerdict, budgetBytes: number): string {
  const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
  const growth =
    verdict.retainedGrowthBytes === null ? 'n/a' : signedMb(verdict.retainedGrowthBytes);
  return (
    `${verdict.withinBudget ? 'ok  ' : 'OVER'} ${verdict.name}: session heap ${mb(verdict.sessionBytes)} ` +
    `(budget ${mb(budgetBytes)}), RSS ${signedMb(verdict.rssIncreaseBytes)}, retained growth over repeats ${growth}`
  );
}
