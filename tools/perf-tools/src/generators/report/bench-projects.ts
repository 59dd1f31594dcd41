import { getProjects, readJson, type TargetConfiguration, type Tree } from '@nx/devkit';
import { z } from 'zod';

/** The results folder a bench command writes to: its `--project` argument, else the Nx project name. */
function resultsFolderOf(command: string | undefined, projectName: string): string {
  const match = command?.match(/--project[= ](\S+)/);
  return match?.[1] ?? projectName;
}

// Only the bench script is read from a project's package.json; the rest is the package's business.
const BenchScriptSchema = z.object({ scripts: z.object({ bench: z.string() }) });

function benchCommand(
  tree: Tree,
  root: string,
  target: TargetConfiguration<{ command?: unknown }> | undefined,
): string | undefined {
  const command = target?.options?.command;
  if (typeof command === 'string') return command;
  const packageJson = `${root}/package.json`;
  if (!tree.exists(packageJson)) return undefined;
  const parsed = BenchScriptSchema.safeParse(readJson(tree, packageJson));
  return parsed.success ? parsed.data.scripts.bench : undefined;
}

/** Results folders of every workspace project that has a `bench` target or script, sorted. */
export function benchResultFolders(tree: Tree): string[] {
  const folders: string[] = [];
  for (const [name, project] of getProjects(tree)) {
    const target = project.targets?.['bench'];
    const command = benchCommand(tree, project.root, target);
    if (target === undefined && command === undefined) continue;
    folders.push(resultsFolderOf(command, name));
  }
  return [...new Set(folders)].sort();
}
