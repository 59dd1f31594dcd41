// Where a README problem is: the README's path from the workspace root and its line.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `libs/<lib>/README.md:<line>`, as every message of the runner names a README line. */
export function where(file, line) {
  return `${relative(root, file)}:${line}`;
}

/** A README problem the runner cannot turn into a module, with the README and line. */
export class ReadmeExampleError extends Error {
  name = 'ReadmeExampleError';
}
