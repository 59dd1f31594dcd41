import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ResultFileError,
  compareDocumentPath,
  parseCompareDocumentName,
  readCompareDocument,
  reportsFolder,
  type CompareDocument,
} from '@prismq/profiling';
import { CompareFileError } from './compare-file-error';
import type { Sourced } from './report-inputs';

/** The compare documents of a reports folder, split by what they measure. */
export interface CompareDocuments {
  /** `compare/<project>.json`: base against head; their verdicts are the regression findings. */
  readonly compares: Sourced<CompareDocument>[];
  /** `compare/<project>.aa.json`: one clean commit against itself, the run-to-run noise. */
  readonly noiseMeasurements: Sourced<CompareDocument>[];
}

function read(root: string, file: string): CompareDocument {
  try {
    return readCompareDocument(join(root, file));
  } catch (error) {
    if (error instanceof ResultFileError) {
      // ResultFileError names the absolute path; the report names the workspace-relative one.
      const detail = error.message.startsWith(error.source)
        ? error.message.slice(error.source.length + 2)
        : error.message;
      throw new CompareFileError('COMPARE_FILE_INVALID', file, `${error.code}: ${detail}`);
    }
    throw error;
  }
}

function checkProject(file: string, expected: string, doc: CompareDocument): void {
  if (doc.project !== expected)
    throw new CompareFileError(
      'COMPARE_FILE_WRONG_PROJECT',
      file,
      `holds project "${doc.project}" but its name says "${expected}"`,
    );
}

function checkAA(file: string, doc: CompareDocument): void {
  if (doc.base.commit !== doc.head.commit || doc.head.dirty)
    throw new CompareFileError(
      'COMPARE_FILE_NOT_A_A',
      file,
      `an A/A noise measurement compares one clean commit with itself, but base is ${doc.base.commit.slice(0, 12)} and head is ${doc.head.commit.slice(0, 12)}${doc.head.dirty ? ' with uncommitted changes' : ''}`,
    );
}

/**
 * Reads every `<reportsDir>/compare/*.json`, ordered by project.
 * @throws {@link CompareFileError} naming the file when one is unreadable, invalid, names
 *   another project than its file name, or is an `.aa.json` whose two sides differ
 */
export function readCompareDocuments(root: string, reportsDir: string): CompareDocuments {
  const dir = join(root, reportsFolder(reportsDir, 'compare'));
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  const compares: Sourced<CompareDocument>[] = [];
  const noiseMeasurements: Sourced<CompareDocument>[] = [];
  for (const name of names) {
    const parsed = parseCompareDocumentName(name);
    if (!parsed) continue;
    const file = compareDocumentPath(reportsDir, parsed.project, parsed.kind);
    const data = read(root, file);
    checkProject(file, parsed.project, data);
    if (parsed.kind === 'aa') {
      checkAA(file, data);
      noiseMeasurements.push({ file, data });
    } else compares.push({ file, data });
  }
  return { compares, noiseMeasurements };
}
