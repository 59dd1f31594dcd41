/** How much a finding matters, most serious first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Rough cost of acting on a finding, used by the priority matrix. */
export type Effort = 'low' | 'medium' | 'high';

/** The rule that produced a finding. */
export type RuleId =
  | 'missed-target'
  | 'super-linear-growth'
  | 'size-jump'
  | 'regression'
  | 'unstable-measurement'
  | 'memory-over-target'
  | 'memory-growth'
  | 'cpu-concentration';

/** A bottleneck (or measurement problem) backed by numbers from named files. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly effort: Effort;
  readonly module: string;
  /** Case id, sweep id, target id or profile scenario the finding is about. */
  readonly subject: string;
  readonly title: string;
  /** The numbers behind the finding. */
  readonly evidence: readonly string[];
  /** Workspace-relative files the numbers came from. */
  readonly files: readonly string[];
  readonly impact: string;
  readonly recommendation: string;
}

/** Severities from most to least serious. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Efforts from cheapest to dearest. */
export const EFFORTS: readonly Effort[] = ['low', 'medium', 'high'];

/** Orders findings by severity, then effort (cheapest first), then module and subject. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    EFFORTS.indexOf(a.effort) - EFFORTS.indexOf(b.effort) ||
    a.module.localeCompare(b.module, 'en') ||
    a.subject.localeCompare(b.subject, 'en') ||
    a.rule.localeCompare(b.rule, 'en')
  );
}
