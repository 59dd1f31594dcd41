import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder, which holds `package.json`, `modules/` and `dist/panel`. This file
 * sits directly in `src/`, and the build bundles it directly into `dist/`: both are one level
 * below the package root, however deep the layer folders that ask for it are.
 */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}
