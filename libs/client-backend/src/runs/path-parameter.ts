import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ErrorDetail } from './error-detail.js';
import type { ModuleDefinition } from '../registry/module-schema.js';
import type { ParameterValues } from '../store/run-record.js';

/** Folders a run's `path` parameters must stay inside. */
export interface PathRoots {
  /** Roots of `access: read` paths; a relative path resolves against the first. */
  inputRoots: readonly string[];
  /** The run's `output/` folder, root of `access: write` paths. */
  outputDir: string;
}

/** Result of resolving a run's `path` parameters. */
export type PathResolution =
  { ok: true; values: ParameterValues } | { ok: false; details: ErrorDetail[] };

function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The path with every symbolic link resolved: the longest part that exists goes through
 * `realpath`, the rest (not created yet) is appended as written.
 */
export function realPathOf(target: string): string {
  const missing: string[] = [];
  let existing = path.resolve(target);
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(target);
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * `value` resolved against `base` when relative, links resolved, if it lies inside one of
 * `roots` (the roots' own links resolved too); `undefined` when it leaves them.
 */
export function confinePath(
  value: string,
  base: string,
  roots: readonly string[],
): string | undefined {
  // A NUL byte or a name the file system refuses is no path inside a root.
  if (value.includes('\0')) return undefined;
  try {
    const real = realPathOf(path.resolve(base, value));
    return roots.some((root) => isWithin(realPathOf(root), real)) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves each `path` parameter to an absolute path inside its root: `read` paths inside an
 * input root (they must exist when `requireExisting`), `write` paths strictly inside the run's
 * output folder. Values of other parameters pass through. Refusals name the parameter, never
 * the path it held.
 */
export function resolvePathParameters(
  module: ModuleDefinition,
  values: ParameterValues,
  roots: PathRoots,
  requireExisting: boolean,
): PathResolution {
  const details: ErrorDetail[] = [];
  const resolved: ParameterValues = { ...values };
  for (const parameter of module.parameters) {
    const value = values[parameter.name];
    if (parameter.type !== 'path' || typeof value !== 'string') continue;
    const field = `parameters.${parameter.name}`;
    if (parameter.access === 'read') {
      const base = roots.inputRoots[0] ?? roots.outputDir;
      const inside = confinePath(value, base, roots.inputRoots);
      if (inside === undefined) {
        details.push({
          field,
          rule: 'input-root',
          message: `${field} must name a file inside an input root (--allow-read)`,
        });
      } else if (requireExisting && !exists(inside)) {
        details.push({
          field,
          rule: 'exists',
          message: `${field} names no existing file inside the input roots`,
        });
      } else {
        resolved[parameter.name] = inside;
      }
    } else {
      const inside = confinePath(value, roots.outputDir, [roots.outputDir]);
      if (inside === undefined || inside === realPathOf(roots.outputDir)) {
        details.push({
          field,
          rule: 'output-folder',
          message: `${field} must name a file inside the run's output folder`,
        });
      } else {
        resolved[parameter.name] = inside;
      }
    }
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, values: resolved };
}

function exists(target: string): boolean {
  try {
    realpathSync(target);
    return true;
  } catch {
    return false;
  }
}
