import { readFileSync, statSync } from 'node:fs';

/**
 * The file reads the source-map resolver makes. Each answers `undefined` for a file that is
 * missing or unreadable, so a bad path never throws out of a summary.
 */
export interface SourceFileSystem {
  /** The file's text (UTF-8). */
  readText(path: string): string | undefined;
  /** The file's modification time, ms since the epoch. */
  modifiedMs(path: string): number | undefined;
}

/** The real file system. */
export const nodeSourceFileSystem: SourceFileSystem = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  modifiedMs(path) {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
  },
};
