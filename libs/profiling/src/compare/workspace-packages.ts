import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { globSync } from 'tinyglobby';
import { z } from 'zod';
import { CompareError } from './compare-error.js';
import { firstIssue, formatValidationIssue } from '../results/validation-issue.js';

/** A package of the npm workspace, as far as a comparison needs to know it. */
export interface WorkspacePackage {
  /** npm package name, e.g. `@prismq/bench-scoring`. */
  name: string;
  /** Folder relative to the workspace root, `/`-separated. */
  dir: string;
  /** Nx project name (`nx.name`, else the package name). */
  nxName: string;
  /** Names of the workspace packages it depends on. */
  workspaceDependencies: string[];
  /** It has a `build` script. */
  builds: boolean;
  /** The name its `bench` script hands to `prismq-bench --project`, if it has one. */
  benchProject?: string;
}

const RootManifestSchema = z.object({
  workspaces: z
    .union([z.array(z.string()), z.object({ packages: z.array(z.string()) })])
    .optional(),
});

const ManifestSchema = z.object({
  name: z.string().min(1),
  scripts: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
  nx: z.object({ name: z.string().optional() }).loose().optional(),
});

function readManifest<T>(path: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CompareError(
      'COMPARE_UNKNOWN_PROJECT',
      `${path} could not be read as JSON: ${(error as Error).message}`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CompareError(
      'COMPARE_UNKNOWN_PROJECT',
      `${path} is not a valid package.json at ${formatValidationIssue(firstIssue(parsed.error))}`,
    );
  }
  return parsed.data;
}

const BENCH_PROJECT = /--project[= ]+["']?([a-z0-9][a-z0-9._-]*)/;

/** The packages of the npm workspace rooted at `root` (from its package.json `workspaces`). */
export function readWorkspacePackages(root: string): WorkspacePackage[] {
  const rootManifest = readManifest(join(root, 'package.json'), RootManifestSchema);
  const patterns = Array.isArray(rootManifest.workspaces)
    ? rootManifest.workspaces
    : (rootManifest.workspaces?.packages ?? []);
  if (patterns.length === 0) return [];
  const manifests = globSync(
    patterns.map((pattern) => `${pattern.replace(/\/+$/, '')}/package.json`),
    { cwd: root, absolute: true, ignore: ['**/node_modules/**'] },
  ).sort();
  const read = manifests.map((path) => ({ path, manifest: readManifest(path, ManifestSchema) }));
  const names = new Set(read.map(({ manifest }) => manifest.name));
  return read.map(({ path, manifest }) => {
    const dependencies = {
      ...manifest.peerDependencies,
      ...manifest.devDependencies,
      ...manifest.dependencies,
    };
    const benchProject = manifest.scripts?.['bench']?.match(BENCH_PROJECT)?.[1];
    const pkg: WorkspacePackage = {
      name: manifest.name,
      dir: relative(root, join(path, '..')).split('\\').join('/'),
      nxName: manifest.nx?.name ?? manifest.name,
      workspaceDependencies: Object.keys(dependencies).filter(
        (name) => names.has(name) && name !== manifest.name,
      ),
      builds: manifest.scripts?.['build'] !== undefined,
    };
    if (benchProject !== undefined) pkg.benchProject = benchProject;
    return pkg;
  });
}

/**
 * The benchmark project called `name`: its `prismq-bench --project` name, its Nx project name
 * or its package name.
 * @throws {@link CompareError} `COMPARE_UNKNOWN_PROJECT` listing the projects there are
 */
export function findBenchProject(
  packages: readonly WorkspacePackage[],
  name: string,
): WorkspacePackage {
  const benches = packages.filter((pkg) => pkg.benchProject !== undefined);
  const found = benches.find(
    (pkg) => pkg.benchProject === name || pkg.nxName === name || pkg.name === name,
  );
  if (found) return found;
  const known = benches.map((pkg) => `${pkg.benchProject} (${pkg.nxName})`).join(', ') || 'none';
  throw new CompareError(
    'COMPARE_UNKNOWN_PROJECT',
    `no benchmark project is called ${JSON.stringify(name)}; there are: ${known}`,
  );
}

/**
 * The workspace packages `pkg` depends on, directly or not, that have a build script —
 * dependencies before the packages that use them.
 */
export function packagesToBuild(
  packages: readonly WorkspacePackage[],
  roots: readonly WorkspacePackage[],
): WorkspacePackage[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const ordered: WorkspacePackage[] = [];
  const seen = new Set<string>();
  const visit = (pkg: WorkspacePackage): void => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    for (const dependency of pkg.workspaceDependencies) {
      const found = byName.get(dependency);
      if (found) visit(found);
    }
    if (pkg.builds) ordered.push(pkg);
  };
  for (const root of roots) visit(root);
  return ordered;
}
