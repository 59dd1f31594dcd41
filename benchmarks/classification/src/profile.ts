import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  CategoryClassifier,
  StoryDetector,
  TextClassifier,
  type ClassificationInput,
} from '@prismq/classification';
import {
  MemoryReportSchema,
  onProfilingResult,
  profileFunction,
  profileMemory,
  type ProfilingResult,
} from '@prismq/profiling';
import { memoryTargetBytes, readTargetsFile } from '@prismq/perf-tools';
import {
  GAMING_RECORD,
  HUNDRED_RECORDS,
  LONG_RECORD,
  MIXED_STORY_RECORDS,
  STORY_RECORD,
  TUTORIAL_RECORD,
  VARIED_RECORDS,
  recordWithDescriptionWords,
} from './benchmark-inputs.js';
import { TYPICAL_WORKLOAD_TARGET_ID, formatVerdict, judgeMemory } from './memory-target.js';

// The heavy classification scenarios under the CPU profiler (repeated so that the sampler
// sees a few hundred milliseconds) and the memory profiler (one session, then `repeat` more
// with a forced GC after each, so retained growth would show). The typical workload is
// checked against the memory target classification-memory-typical of benchmarks/targets.json
// (its peak RSS, the stricter reading); the process exits 1 when it is over.

// Read before profiling, so that a bad targets file stops the profile before it measures.
const budgetBytes = memoryTargetBytes(
  readTargetsFile(fileURLToPath(new URL('../../..', import.meta.url))),
  TYPICAL_WORKLOAD_TARGET_ID,
  'benchmarks/targets.json',
).bytes;

const classifier = new CategoryClassifier();
const detector = new StoryDetector();
const enricher = new TextClassifier();

const typicalMix: readonly ClassificationInput[] = [
  STORY_RECORD,
  GAMING_RECORD,
  TUTORIAL_RECORD,
  ...VARIED_RECORDS,
  ...MIXED_STORY_RECORDS,
];
const typicalWorkload = Array.from({ length: 1_000 }, (_, i) => {
  const record = typicalMix[i % typicalMix.length] as ClassificationInput;
  return {
    title: record.title,
    description: record.description,
    keywords: record.tags,
    content: '',
  };
});
const hundredThousandWords = recordWithDescriptionWords(100_000);

interface Scenario {
  readonly name: string;
  readonly session: () => unknown;
  readonly cpuRepeats: number;
  /** Checked against the typical-workload memory target. */
  readonly typical: boolean;
}

const scenarios: readonly Scenario[] = [
  {
    name: 'classification-long-text',
    session: () => classifier.classify(LONG_RECORD),
    cpuRepeats: 3_000,
    typical: false,
  },
  {
    name: 'classification-batch-100',
    session: () => [
      classifier.classifyBatch(HUNDRED_RECORDS),
      detector.detectBatch(HUNDRED_RECORDS),
    ],
    cpuRepeats: 1_000,
    typical: false,
  },
  {
    name: 'classification-description-100k-words',
    session: () => classifier.classify(hundredThousandWords),
    cpuRepeats: 40,
    typical: false,
  },
  {
    name: 'classification-typical-workload-1000',
    session: () => enricher.enrichBatch(typicalWorkload),
    cpuRepeats: 50,
    typical: true,
  },
];

const memoryReportPaths = new Map<string, string>();
onProfilingResult((result: ProfilingResult) => {
  const path = result.reportPaths.find((file) => file.endsWith('.memory.json'));
  if (result.kind === 'memory' && path !== undefined) memoryReportPaths.set(result.name, path);
});

let over = 0;
for (const scenario of scenarios) {
  await profileFunction(
    () => {
      for (let i = 0; i < scenario.cpuRepeats; i++) scenario.session();
    },
    { name: scenario.name },
  );
  await profileMemory(scenario.session, { name: scenario.name, sampleIntervalMs: 1, repeat: 5 });
  const path = memoryReportPaths.get(scenario.name);
  if (path === undefined)
    throw new Error(`profileMemory wrote no .memory.json for ${scenario.name}`);
  const verdict = judgeMemory(
    MemoryReportSchema.parse(JSON.parse(await readFile(path, 'utf8'))),
    budgetBytes,
  );
  console.log(formatVerdict(verdict));
  if (scenario.typical && !verdict.withinBudget) over += 1;
}

if (over > 0) {
  console.error(
    `${over} typical-workload scenario(s) over the ${budgetBytes / 1024 / 1024} MB target`,
  );
  process.exitCode = 1;
}
