import { firstValidationProblem } from '../../validation-issue';
import { join, posix } from 'node:path';
import { formatFiles, generateFiles, getProjects, readJson, type Tree } from '@nx/devkit';
import { BenchmarkOptionsSchema } from './benchmark-options';
import { BenchmarkProjectError } from './benchmark-project-error';

/** The package that provides the `prismq-bench` runner and the profilers. */
export const PROFILING_PACKAGE = '@prismq/profiling';

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function packageJsonOf(tree: Tree, root: string): PackageJson | undefined {
  const path = posix.join(root, 'package.json');
  return tree.exists(path) ? readJson<PackageJson>(tree, path) : undefined;
}

/** `@scope/name` → `@scope/bench-name`; `name` → `bench-name`. */
export function benchPackageName(libraryPackage: string): string {
  const slash = libraryPackage.lastIndexOf('/');
  return `${libraryPackage.slice(0, slash + 1)}bench-${libraryPackage.slice(slash + 1)}`;
}

function findProfiling(tree: Tree): { root: string; mitata: string } {
  for (const [, project] of getProjects(tree)) {
    const pkg = packageJsonOf(tree, project.root);
    if (pkg?.name === PROFILING_PACKAGE)
      // mitata is a peer of the runner: the bench project brings the copy both share.
      return {
        root: project.root,
        mitata: pkg.peerDependencies?.['mitata'] ?? pkg.dependencies?.['mitata'] ?? '*',
      };
  }
  throw new BenchmarkProjectError(
    'BENCHMARK_RUNNER_NOT_FOUND',
    `no workspace project is the package ${PROFILING_PACKAGE}; its prismq-bench runner runs the bench files`,
  );
}

/**
 * Nx generator: creates `benchmarks/<project>` for a library — a private package whose `bench`
 * script runs the prismq-bench runner and whose `profile` script runs `src/profile.ts`, that
 * depends on the library (so `nx affected` includes it when the library changes), with a
 * first bench file that runs as generated.
 * @throws {@link BenchmarkProjectError} naming the library or folder at fault
 */
export async function benchmarkGenerator(tree: Tree, rawOptions: unknown): Promise<void> {
  const parsed = BenchmarkOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    const { field, rule } = firstValidationProblem(parsed.error, 'options');
    throw new BenchmarkProjectError(
      'BENCHMARK_OPTIONS_INVALID',
      `benchmark option --${field} ${JSON.stringify((rawOptions as Record<string, unknown>)?.[field])}: ${rule}`,
    );
  }
  const options = parsed.data;
  const library = getProjects(tree).get(options.project);
  if (!library) {
    throw new BenchmarkProjectError(
      'BENCHMARK_LIBRARY_NOT_FOUND',
      `library project "${options.project}" does not exist in this workspace`,
    );
  }
  const libraryPackage = packageJsonOf(tree, library.root)?.name;
  if (!libraryPackage) {
    throw new BenchmarkProjectError(
      'BENCHMARK_LIBRARY_NOT_A_PACKAGE',
      `library project "${options.project}" has no package.json with a name at ${library.root}; the benchmark imports it by package name`,
    );
  }
  const directory = (options.directory ?? `benchmarks/${options.project}`).replace(/\/+$/, '');
  if (tree.exists(directory)) {
    throw new BenchmarkProjectError(
      'BENCHMARK_PROJECT_EXISTS',
      `folder ${directory} already exists; pick another --directory`,
    );
  }
  const profiling = findProfiling(tree);
  const toRoot = posix.relative(directory, '.') || '.';
  generateFiles(tree, join(__dirname, 'files'), directory, {
    module: options.project,
    projectName: `${options.project}-bench`,
    packageName: benchPackageName(libraryPackage),
    libraryPackage,
    runner: posix.join(posix.relative(directory, profiling.root), 'dist/cli.js'),
    reportsDir: posix.join(toRoot, 'reports'),
    tsconfigBase: posix.join(toRoot, 'tsconfig.base.json'),
    hasTsconfigBase: tree.exists('tsconfig.base.json'),
    mitata: profiling.mitata,
    profilingPackage: PROFILING_PACKAGE,
    tmpl: '',
  });
  await formatFiles(tree);
}

export default benchmarkGenerator;
