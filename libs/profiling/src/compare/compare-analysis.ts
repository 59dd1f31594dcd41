import {
  COMPARE_SCHEMA_VERSION,
  CompareDocumentSchema,
  type CompareDocument,
} from '../results/compare-document-schema.js';
import type { BenchmarkEnvironment } from '../results/result-schema.js';
import type { CompareKind } from '../results/reports-layout.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';
import { compareCases } from './case-comparison.js';
import { explainCase } from './case-explanation.js';
import { CompareError } from './compare-error.js';
import type { FailOn } from './compare-options.js';
import type { ShardAssignment, ShardSpec } from './compare-shard.js';
import type { PairedMeasurement } from './paired-rounds.js';
import type { SideProfile } from './side-profile.js';

/** Confidence of every interval a comparison reports. */
export const COMPARE_CONFIDENCE = 0.95;
/** Name of the method recorded in the compare document. */
const COMPARE_METHOD = 'paired-rounds/wilcoxon-signed-rank';

/** A case profiled on both sides to explain its change. */
export interface CaseProfiles {
  id: string;
  sampleIntervalUs: number;
  base: SideProfile;
  head: SideProfile;
}

/** What the measuring stage found for one project: its sides, its machine and its rounds. */
export interface ProjectMeasurement {
  project: string;
  base: { ref: string; commit: string };
  head: { ref: string; commit: string; dirty: boolean };
  environment: BenchmarkEnvironment;
  /** When the rounds ended. */
  measuredAt: Date;
  /** Smallest change reported as slower or faster, as a fraction. */
  threshold: number;
  rounds: PairedMeasurement;
  /** With `--shard`: which shard this is and the cases dealt to it. */
  shard?: ShardSpec & ShardAssignment;
  /** The cases profiled to explain them (`--explain`, and every slower case). */
  profiles?: CaseProfiles[];
}

/** A case the rounds measured on one side only, or that threw on a side. */
interface NotCompared {
  id: string;
  why: string;
}

/** What a project's rounds come to: its compare document and the cases left out of it. */
export interface ProjectAnalysis {
  document: CompareDocument;
  notCompared: NotCompared[];
}

/**
 * Turns one project's measured rounds into its compare document — a ratio, an interval and a
 * verdict per case — and says which cases could not be compared and why. Pure: no I/O.
 * @throws {@link CompareError} `COMPARE_MEASURE_FAILED` when the document would not be valid
 */
export function analyseComparison(measured: ProjectMeasurement): ProjectAnalysis {
  const { rounds } = measured;
  const notCompared = [
    ...rounds.onlyIn.map((only) => ({
      id: only.id,
      why: `exists only on the ${only.side} side; not compared`,
    })),
    ...rounds.failures.map((failure) => ({
      id: failure.id,
      why: `threw on the ${failure.side} side: ${failure.message}`,
    })),
  ];
  const document = validateDocument({
    schemaVersion: COMPARE_SCHEMA_VERSION,
    project: measured.project,
    createdAt: measured.measuredAt.toISOString(),
    base: measured.base,
    head: measured.head,
    environment: measured.environment,
    method: {
      name: COMPARE_METHOD,
      threshold: measured.threshold,
      confidence: COMPARE_CONFIDENCE,
    },
    cases: compareCases(rounds.cases, measured.threshold, COMPARE_CONFIDENCE).map((c) => {
      const profiled = measured.profiles?.find((p) => p.id === c.id);
      if (!profiled) return c;
      return {
        ...c,
        explanation: explainCase(
          profiled.base,
          profiled.head,
          measured.threshold,
          profiled.sampleIntervalUs,
          c.ratio,
        ),
      };
    }),
    ...(measured.shard ? { shard: { ...measured.shard, notCompared } } : {}),
  });
  return { document, notCompared };
}

/** `aa` when both sides are the same clean commit (a measurement of noise), else `compare`. */
export function compareKind(document: CompareDocument): CompareKind {
  return document.base.commit === document.head.commit && !document.head.dirty ? 'aa' : 'compare';
}

/**
 * 1 when some case fails a verdict of `failOn` — `time`: it is slower; `allocation`: it
 * allocates more — else 0.
 */
export function compareExitCode(
  documents: readonly CompareDocument[],
  failOn: readonly FailOn[] = ['time'],
): 0 | 1 {
  const fails = (c: CompareDocument['cases'][number]): boolean =>
    (failOn.includes('time') && c.verdict === 'slower') ||
    (failOn.includes('allocation') && c.allocation?.verdict === 'more');
  return documents.some((document) => document.cases.some(fails)) ? 1 : 0;
}

function validateDocument(document: CompareDocument): CompareDocument {
  const parsed = CompareDocumentSchema.safeParse(document);
  if (!parsed.success) {
    throw new CompareError(
      'COMPARE_MEASURE_FAILED',
      `compare document of ${document.project} is invalid at ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  }
  return parsed.data;
}
