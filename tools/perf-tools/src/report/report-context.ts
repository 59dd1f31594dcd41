import type { Analysis } from '../analysis/analysis';
import type { Finding } from '../findings/finding';
import type { ReportInputs } from '../inputs/report-inputs';

/** What both markdown reports are rendered from. */
export interface ReportContext {
  readonly inputs: ReportInputs;
  readonly analysis: Analysis;
  /** Ordered by priority. */
  readonly findings: readonly Finding[];
  /** The reports folder, relative to the workspace root, used in reproduce commands. */
  readonly reportsDir: string;
}
