import type { Analysis } from '../analysis/analysis';
import { moduleOfScenario } from '../analysis/scenario-module';
import { formatNumber } from '../markdown/format-value';
import type { Finding } from './finding';

/** Share of self time above which one function dominates a profile. */
export const CPU_CONCENTRATION_PERCENT = 30;

// V8's pseudo-frames are not code anyone can fix.
const PSEUDO_FRAMES = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** One function holding more than 30 % of a profile's self time → medium, named with file:line. */
export function cpuConcentrationRule(analysis: Analysis): Finding[] {
  const modules = [...new Set(analysis.cases.map((c) => c.case.module))];
  return analysis.cpuProfiles.flatMap(({ file, data }) => {
    const top = data.topSelf.find((f) => !PSEUDO_FRAMES.has(f.functionName));
    if (!top || top.selfPercent <= CPU_CONCENTRATION_PERCENT) return [];
    const name = top.functionName || '(anonymous)';
    return [
      {
        rule: 'cpu-concentration',
        severity: 'medium',
        effort: 'low',
        module: moduleOfScenario(data.name, modules),
        subject: data.name,
        title: `${data.name}: ${name} at ${top.location} holds ${formatNumber(top.selfPercent)} % of self time`,
        evidence: [
          `${name} (${top.location}): self ${formatNumber(top.selfMs)} ms = ${formatNumber(top.selfPercent)} % of ${formatNumber(data.profileMs)} ms profiled`,
        ],
        files: [file],
        impact:
          'One function decides the cost of the whole scenario; speeding it up pays off directly.',
        recommendation: `Open ${top.location}, look for allocation or repeated work inside its loop, and measure again.`,
      } satisfies Finding,
    ];
  });
}
