import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DataDirLockedError } from './data-dir-locked-error.js';
import { isSameProcess, processStartTime } from './process-identity.js';

/** Name of the lock file inside the data folder. */
const LOCK_FILE_NAME = 'prismq.lock';

const LockHolderSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().nullable(),
});
type LockHolder = z.infer<typeof LockHolderSchema>;

/** A held data-folder lock. */
export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's. */
  release(): void;
}

function readHolder(file: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(text));
    return { text, holder: parsed.success ? parsed.data : undefined };
  } catch {
    return { text, holder: undefined };
  }
}

/**
 * Takes the data folder for this process: one server per folder, since two would both write
 * the database and each would take the other's live runs for interrupted ones. The lock file
 * holds the holder's pid and process start time; it is created whole (written aside, then
 * hard-linked into place, which fails when the name exists). A lock whose holder is gone (or
 * whose pid now belongs to another process) is taken over at once, whatever its age.
 * Throws {@link DataDirLockedError} naming the live holder.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const own = JSON.stringify({
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? null,
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, own, { mode: 0o600 });
    try {
      linkSync(aside, file);
      return {
        file,
        release() {
          if (readHolder(file)?.text === own) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(aside);
    }
    const current = readHolder(file);
    if (current === undefined) continue;
    const { holder } = current;
    if (holder !== undefined && isSameProcess(holder.pid, holder.startTime))
      throw new DataDirLockedError(dataDir, holder.pid, file);
    // Move the dead holder's file aside and check it is the one judged dead: a server that
    // took the lock in between keeps it (its file is moved back).
    const stale = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, stale);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readFileSync(stale, 'utf8');
    if (moved !== current.text) {
      try {
        linkSync(stale, file);
      } catch {
        // someone else holds the name now; they hold the lock
      }
    }
    unlinkSync(stale);
  }
  const holder = readHolder(file)?.holder;
  throw new DataDirLockedError(dataDir, holder?.pid ?? 0, file);
}
