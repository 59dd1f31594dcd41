import type { BenchmarkEnvironment } from '@prismq/profiling';

/** The parts of a measuring machine that move timings; anything else (memory, git state) does not enter. */
const FIELDS: readonly {
  readonly label: string;
  readonly read: (env: BenchmarkEnvironment) => string;
}[] = [
  { label: 'CPU model', read: (env) => env.cpuModel },
  { label: 'CPU count', read: (env) => String(env.cpuCount) },
  { label: 'OS', read: (env) => env.os },
  { label: 'platform', read: (env) => env.platform },
  { label: 'arch', read: (env) => env.arch },
  { label: 'Node', read: (env) => env.nodeVersion },
  { label: 'V8', read: (env) => env.v8Version },
];

function gpuModels(env: BenchmarkEnvironment): string | undefined {
  return env.gpus === undefined
    ? undefined
    : env.gpus
        .map((gpu) => gpu.model)
        .sort()
        .join(' + ') || 'none';
}

/**
 * How the machine fingerprints of two environments differ, one `label: a ≠ b` per field; empty
 * when they match. GPU models are compared when both environments list their GPUs (documents
 * written where `nvidia-smi` is missing carry no list, and then say nothing about GPUs).
 */
export function machineDifferences(a: BenchmarkEnvironment, b: BenchmarkEnvironment): string[] {
  const differences = FIELDS.filter((field) => field.read(a) !== field.read(b)).map(
    (field) => `${field.label}: ${field.read(a)} ≠ ${field.read(b)}`,
  );
  const gpusA = gpuModels(a);
  const gpusB = gpuModels(b);
  if (gpusA !== undefined && gpusB !== undefined && gpusA !== gpusB)
    differences.push(`GPUs: ${gpusA} ≠ ${gpusB}`);
  return differences;
}
