import type { FunctionTiming } from '@prismq/profiling';
import type { Analysis } from '../analysis/analysis';
import { moduleOfScenario } from '../analysis/scenario-module';
import { formatNumber } from '../markdown/format-value';
import type { Finding } from './finding';

/** Hot lines a finding lists. */
const HOT_LINES_LISTED = 3;

// Statuses under which `location` is where the code was written.
const SOURCE_STATUSES = new Set([undefined, 'mapped', 'native', 'source-file']);

function hotLinesEvidence(top: FunctionTiming): string[] {
  const lines = (top.lines ?? []).slice(0, HOT_LINES_LISTED);
  if (lines.length === 0) return [];
  const file = top.location.replace(/:\d+$/, '');
  return [
    `hottest lines of ${top.functionName || '(anonymous)'} in ${file}: ${lines
      .map((l) => `${l.line} (${formatNumber(l.selfMs)} ms, ${formatNumber(l.share * 100)} %)`)
      .join(', ')}`,
  ];
}

// Where to look: the hottest line of the source when known, else the function's start.
function openAt(top: FunctionTiming): string {
  const hottest = top.lines?.[0];
  return hottest ? `${top.location.replace(/:\d+$/, '')}:${hottest.line}` : top.location;
}

/** Share of self time above which one function dominates a profile. */
export const CPU_CONCENTRATION_PERCENT = 30;

// V8's pseudo-frames are not code anyone can fix.
const PSEUDO_FRAMES = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/**
 * One function holding more than 30 % of a profile's self time → medium, named with its source
 * file:line (or its built location, said to be built, when the profile had no usable source
 * map) and its hottest lines.
 */
export function cpuConcentrationRule(analysis: Analysis): Finding[] {
  const modules = [...new Set(analysis.cases.map((c) => c.case.module))];
  return analysis.cpuProfiles.flatMap(({ file, data }) => {
    const top = data.topSelf.find((f) => !PSEUDO_FRAMES.has(f.functionName));
    if (!top || top.selfPercent <= CPU_CONCENTRATION_PERCENT) return [];
    const name = top.functionName || '(anonymous)';
    const built = !SOURCE_STATUSES.has(top.mapping);
    const builtNote = built
      ? [
          `${top.location} is built code (source map: ${top.mapping}); rebuild the library with source maps to see its source line`,
        ]
      : [];
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
          ...hotLinesEvidence(top),
          ...builtNote,
        ],
        files: [file],
        impact:
          'One function decides the cost of the whole scenario; speeding it up pays off directly.',
        recommendation: built
          ? `Open ${openAt(top)} (built code: its source map was not usable), look for allocation or repeated work inside its loop, and measure again.`
          : `Open ${openAt(top)}, look for allocation or repeated work inside its loop, and measure again.`,
      } satisfies Finding,
    ];
  });
}
