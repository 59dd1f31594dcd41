// Browser bundles built from the installed packages, held to each library's own budgets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBundle, readBudgets } from '../check-bundle-size.mjs';

/**
 * Bundles every budgeted entry of every library that has a size-budget.json (the libraries
 * meant for browsers) from the packages installed in `consumer`, exactly as the libraries'
 * `check-size` does from their dist. Returns the report lines; throws listing each failure.
 */
export async function checkBrowserBundles(root, consumer, libraries) {
  const lines = [];
  const failed = [];
  for (const lib of libraries) {
    const libraryDir = join(root, 'libs', lib);
    if (!existsSync(join(libraryDir, 'size-budget.json'))) continue;
    for (const bundle of readBudgets(libraryDir)) {
      const { ok, line } = await checkBundle(bundle, consumer, `@prismq/${lib} (installed)`);
      lines.push(line);
      if (!ok) failed.push(line);
    }
  }
  if (lines.length === 0) throw new Error('no library has a size-budget.json: nothing was bundled');
  if (failed.length > 0)
    throw new Error(`browser bundles of the installed packages:\n${failed.join('\n')}`);
  return lines;
}
