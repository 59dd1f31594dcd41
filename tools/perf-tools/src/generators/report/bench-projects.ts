import { getProjects, type Tree } from '@nx/devkit';

/** The results folder a bench command writes to: its `--project` argument, else the Nx project name. */
function resultsFolderOf(command: string | undefined, projectName: string): string {
  const match = command?.match(/--project[= ](\S+)/);
  return match?.[1] ?? projectName;
}

function benchCommand(tree: Tree, root: string, target: unknown): string | undefined {
  const options = (target as { options?: { command?: unknown; script?: unknown } } | undefined)
    ?.options;
  if (typeof options?.command === 'string') return options.command;
  const packageJson = `${root}/package.json`;
  if (!tree.exists(packageJson)) return undefined;
  const scripts = (
    JSON.parse(tree.read(packageJson, 'utf-8') ?? '{}') as { scripts?: Record<string, string> }
  ).scripts;
  return scripts?.['bench'];
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
