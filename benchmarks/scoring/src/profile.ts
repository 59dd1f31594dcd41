import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  MemoryReportSchema,
  profileFunction,
  profileMemory,
  type MemoryReport,
} from '@prismq/profiling';
import { scoreIdeaInspirationBatch, scoreText, scoreTextContent } from '@prismq/scoring';
import { TEXT_LONG, batchOf, proseOfWords } from './bench-inputs.js';
import { SESSION_BUDGET_BYTES, formatVerdict, judgeSession } from './memory-budget.js';

// The heavy scoring cases under the CPU and memory profilers. CPU runs repeat the work so the
// sampling profiler sees a few hundred milliseconds; memory runs profile one session each and
// repeat it so that retained growth (a leak) would show. Exits 1 when a session is over budget.

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

const profileDir = resolve(process.env['PRISMQ_PROFILE_DIR'] ?? 'reports');

/** The newest memory report written for `name` (file names end in a sortable timestamp). */
async function latestMemoryReport(name: string): Promise<MemoryReport> {
  const dir = join(profileDir, 'memory');
  const files = (await readdir(dir))
    .filter((file) => file.startsWith(`${name}_`) && file.endsWith('.memory.json'))
    .sort();
  const newest = files.at(-1);
  if (newest === undefined)
    throw new Error(`no ${name}_*.memory.json in ${dir}; did profileMemory write its report?`);
  return MemoryReportSchema.parse(JSON.parse(await readFile(join(dir, newest), 'utf8')));
}

let over = 0;
for (const scenario of scenarios) {
  await profileFunction(
    () => {
      for (let i = 0; i < scenario.cpuRepeats; i++) scenario.session();
    },
    { name: scenario.name },
  );
  await profileMemory(scenario.session, { name: scenario.name, sampleIntervalMs: 1, repeat: 5 });
  const verdict = judgeSession(await latestMemoryReport(scenario.name), SESSION_BUDGET_BYTES);
  console.log(formatVerdict(verdict, SESSION_BUDGET_BYTES));
  if (!verdict.withinBudget) over++;
}

if (over > 0) {
  console.error(
    `${over} scoring session(s) over the ${SESSION_BUDGET_BYTES / (1024 * 1024)} MB memory target`,
  );
  process.exitCode = 1;
}
