/** The line the control panel reads to update a run's progress. */
export function progressLine(processed: number, total: number): string {
  return `::progress processed=${processed} total=${total}`;
}

/**
 * Whether a progress line is due after `processed` of `total` records: at the end and each
 * time another whole percent is done, so a 10 000-record run logs about a hundred lines.
 */
export function isProgressMilestone(processed: number, total: number): boolean {
  if (processed >= total) return true;
  return Math.floor((processed * 100) / total) !== Math.floor(((processed - 1) * 100) / total);
}
