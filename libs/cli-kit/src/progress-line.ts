/** How often a run of unknown length reports progress, in records. */
const UNKNOWN_TOTAL_STEP = 1000;

/**
 * The line the control panel reads to update a run's progress (the protocol is specified in
 * `docs/progress-protocol.md`). Without a total (input from stdin) it carries the count
 * alone, and so it does once the count has passed a total that proved too small (the input
 * grew after it was counted): the protocol allows no more processed than the total.
 */
export function progressLine(processed: number, total?: number): string {
  return total === undefined || processed > total
    ? `::progress processed=${processed}`
    : `::progress processed=${processed} total=${total}`;
}

/**
 * Whether a progress line is due after `processed` of `total` records: at the end and each
 * time another whole percent is done, so a 10 000-record run logs about a hundred lines.
 * Without a total, every thousand records (the end is reported by the caller).
 */
export function isProgressMilestone(processed: number, total?: number): boolean {
  if (total === undefined) return processed % UNKNOWN_TOTAL_STEP === 0;
  if (processed >= total) return true;
  return Math.floor((processed * 100) / total) !== Math.floor(((processed - 1) * 100) / total);
}
