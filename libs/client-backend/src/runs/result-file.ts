import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ResultFileNotFoundError } from './run-errors.js';
import { confinePath, realPathOf } from './path-parameter.js';

/** An open result file, ready to stream. */
export interface OpenResultFile {
  handle: FileHandle;
  size: number;
  /** A file name safe to put in `Content-Disposition`. */
  downloadName: string;
}

function notFound(): ResultFileNotFoundError {
  return new ResultFileNotFoundError();
}

/**
 * Opens `name` (relative, `/`-separated, as the results listing gives it) inside a run's
 * output folder. Links are resolved before the check, so neither `..` nor a link a module left
 * behind reaches outside; anything that is not a regular file inside is "not found".
 */
export async function openResultFile(outputDir: string, name: string): Promise<OpenResultFile> {
  if (path.isAbsolute(name)) throw notFound();
  const inside = confinePath(name, outputDir, [outputDir]);
  if (inside === undefined || inside === realPathOf(outputDir)) throw notFound();
  let handle: FileHandle;
  try {
    handle = await open(inside, 'r');
  } catch {
    throw notFound();
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw notFound();
  }
  const downloadName = path.basename(inside).replace(/[^A-Za-z0-9._-]/g, '_') || 'result';
  return { handle, size: info.size, downloadName };
}
