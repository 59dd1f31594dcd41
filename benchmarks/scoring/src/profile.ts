import {
  onProfilingResult,
  profileFunction,
  profileMemory,
  readCpuProfileSummary,
  readMemoryReport,
  type CpuProfileSummary,
  type MemoryReport,
} from '@prismq/profiling';
import { scoreIdeaInspirationBatch, scoreText, scoreTextContent } from '@prismq/scoring';
import { TEXT_LONG, batchOf, proseOfWords } from './bench-inputs.js';
import { fileURLToPath } from 'node:url';
import { memoryTargetBytes, readTargetsFile } from '@prismq/perf-tools';
import {
  SESSION_TARGET_ID,
  formatVerdict,
  judgeSession,
  sessionBudgetBytes,
} from './memory-budget.js';

// The heavy scoring cases under the CPU and memory profilers. CPU runs repeat the work so the
// sampling profiler sees a few hundred milliseconds; memory runs profile one session each and
// repeat it so that retained growth (a leak) would show. Exits 1 when a session is over the
// budget: the memory target scoring-memory-session of benchmarks/targets.json.

interface Scenario {
  name: string;
  /** One scoring session. */
  session: () => unknown;
  /** Sessions per CPU profile. */
  cpuRepeats: number;
}

const longText = TEXT_LONG;
const hundred = batchOf(100);
const tenThousand = batchOf(10_000);
const hundredThousandWords = proseOfWords(100_000);

const scenarios: Scenario[] = [
  {
    name: 'scoring-text-long',
    session: () => scoreTextContent(longText.title, longText.description, longText.text),
    cpuRepeats: 2_000,
  },
  {
    name: 'scoring-batch-100',
    session: () => scoreIdeaInspirationBatch(hundred),
    cpuRepeats: 1_000,
  },
  {
    name: 'scoring-text-100k-words',
    session: () => scoreText(hundredThousandWords, 'Measure great video ideas'),
    cpuRepeats: 40,
  },
  {
    name: 'scoring-batch-10000',
    session: () => scoreIdeaInspirationBatch(tenThousand),
    cpuRepeats: 5,
  },
];

/** The file of `suffix` the next `kind` result named `name` reports, captured while `run` runs. */
async function capturedReport(
  kind: 'cpu' | 'memory',
  name: string,
  suffix: string,
  run: () => Promise<unknown>,
): Promise<string> {
  let reportPath: string | undefined;
  const stop = onProfilingResult((result) => {
    if (result.kind === kind && result.name === name) {
      reportPath = result.reportPaths.find((path) => path.endsWith(suffix));
    }
  });
  try {
    await run();
  } finally {
    stop();
  }
  if (reportPath === undefined)
    throw new Error(`the ${kind} profiler wrote no ${suffix} for ${name}`);
  return reportPath;
}

/** Profiles `cpuRepeats` sessions on the CPU and reads back the summary. */
async function profileSessionsCpu(scenario: Scenario): Promise<CpuProfileSummary> {
  const path = await capturedReport('cpu', scenario.name, '.cpu.json', () =>
    profileFunction(
      () => {
        for (let i = 0; i < scenario.cpuRepeats; i++) scenario.session();
      },
      { name: scenario.name },
    ),
  );
  return readCpuProfileSummary(path);
}

/** Profiles one session for memory and reads back the report the profiler wrote. */
async function profileSessionMemory(scenario: Scenario): Promise<MemoryReport> {
  const path = await capturedReport('memory', scenario.name, '.memory.json', () =>
    profileMemory(scenario.session, { name: scenario.name, sampleIntervalMs: 1, repeat: 5 }),
  );
  return readMemoryReport(path);
}

// Read before profiling, so that a bad targets file stops the profile before it measures.
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const budgetBytes = sessionBudgetBytes(
  process.env,
  memoryTargetBytes(readTargetsFile(workspaceRoot), SESSION_TARGET_ID, 'benchmarks/targets.json')
    .bytes,
);
let over = 0;
for (const scenario of scenarios) {
  const cpu = await profileSessionsCpu(scenario);
  const hottest = cpu.topSelf[0];
  console.log(
    `cpu  ${scenario.name}: ${((cpu.wallMs * 1000) / scenario.cpuRepeats).toFixed(1)} µs per session` +
      (hottest
        ? `, hottest ${hottest.functionName} (${hottest.selfPercent.toFixed(0)} % self)`
        : ''),
  );
  const verdict = judgeSession(await profileSessionMemory(scenario), budgetBytes);
  console.log(formatVerdict(verdict, budgetBytes));
  if (!verdict.withinBudget) over++;
}

if (over > 0) {
  console.error(
    `${over} scoring session(s) over the ${budgetBytes / (1024 * 1024)} MB memory target`,
  );
  process.exitCode = 1;
}
