import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  BENCHMARK_SCHEMA_VERSION,
  BenchmarkRunSchema,
  type BenchmarkRun,
} from './result-schema.js';
import {
  COMPARE_SCHEMA_VERSION,
  CompareDocumentSchema,
  type CompareDocument,
} from './compare-document-schema.js';
import {
  CpuProfileSummarySchema,
  LoadTestReportSchema,
  MemoryReportSchema,
  PROFILE_SUMMARY_SCHEMA_VERSION,
  type CpuProfileSummary,
  type LoadTestReport,
  type MemoryReport,
} from './profile-summary-schema.js';
import { firstIssue, formatValidationIssue } from './validation-issue.js';

/** Why a results file could not be read. */
export type ResultFileErrorCode =
  | 'RESULT_FILE_UNREADABLE'
  | 'RESULT_FILE_NOT_JSON'
  | 'RESULT_FILE_UNKNOWN_VERSION'
  | 'RESULT_FILE_INVALID';

/** A results file that is missing, not JSON, of an unknown version, or not of the schema. */
export class ResultFileError extends Error {
  /** The class name, for logs. */
  override readonly name = 'ResultFileError';
  constructor(
    /** What went wrong, for callers to branch on. */
    readonly code: ResultFileErrorCode,
    /** The file (or source label) that was being read. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultFileError(
      'RESULT_FILE_NOT_JSON',
      source,
      `not valid JSON (${(error as Error).message})`,
    );
  }
}

function checkVersion(data: unknown, source: string, known: number, what: string): void {
  const version =
    typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>)['schemaVersion']
      : undefined;
  if (version !== known) {
    throw new ResultFileError(
      'RESULT_FILE_UNKNOWN_VERSION',
      source,
      `unknown ${what} schemaVersion ${JSON.stringify(version)}; this reader knows version ${known}`,
    );
  }
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, source: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ResultFileError(
      'RESULT_FILE_INVALID',
      source,
      formatValidationIssue(firstIssue(parsed.error)),
    );
  }
  return parsed.data;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ResultFileError('RESULT_FILE_UNREADABLE', path, (error as Error).message);
  }
}

/**
 * Validates an already-parsed benchmark-run document.
 * @param data - the parsed JSON
 * @param source - file name or label used in error messages
 * @throws {@link ResultFileError} naming the source and the first problem
 */
export function parseBenchmarkRun(data: unknown, source = '<benchmark run>'): BenchmarkRun {
  checkVersion(data, source, BENCHMARK_SCHEMA_VERSION, 'benchmark run');
  return parseWith(BenchmarkRunSchema, data, source);
}

/**
 * Reads and validates a benchmark-run JSON file.
 * @throws {@link ResultFileError} naming the file and the first problem
 */
export function readBenchmarkRun(path: string): BenchmarkRun {
  return parseBenchmarkRun(parseJson(readText(path), path), path);
}

/**
 * Reads and validates a CPU profile summary (`*.cpu.json`).
 * @throws {@link ResultFileError} naming the file and the first problem
 */
export function readCpuProfileSummary(path: string): CpuProfileSummary {
  const data = parseJson(readText(path), path);
  checkVersion(data, path, PROFILE_SUMMARY_SCHEMA_VERSION, 'CPU profile summary');
  return parseWith(CpuProfileSummarySchema, data, path);
}

/**
 * Reads and validates a memory report (`*.memory.json`).
 * @throws {@link ResultFileError} naming the file and the first problem
 */
export function readMemoryReport(path: string): MemoryReport {
  const data = parseJson(readText(path), path);
  checkVersion(data, path, PROFILE_SUMMARY_SCHEMA_VERSION, 'memory report');
  return parseWith(MemoryReportSchema, data, path);
}

/**
 * Reads and validates a load-test report (`reports/load/<project>.json`).
 * @throws {@link ResultFileError} naming the file and the first problem
 */
export function readLoadTestReport(path: string): LoadTestReport {
  const data = parseJson(readText(path), path);
  checkVersion(data, path, PROFILE_SUMMARY_SCHEMA_VERSION, 'load-test report');
  return parseWith(LoadTestReportSchema, data, path);
}

/**
 * Validates an already-parsed compare document.
 * @param data - the parsed JSON
 * @param source - file name or label used in error messages
 * @throws {@link ResultFileError} naming the source and the first problem
 */
export function parseCompareDocument(
  data: unknown,
  source = '<compare document>',
): CompareDocument {
  checkVersion(data, source, COMPARE_SCHEMA_VERSION, 'compare document');
  return parseWith(CompareDocumentSchema, data, source);
}

/**
 * Reads and validates a compare document (`reports/compare/<project>.json`).
 * @throws {@link ResultFileError} naming the file and the first problem
 */
export function readCompareDocument(path: string): CompareDocument {
  return parseCompareDocument(parseJson(readText(path), path), path);
}
