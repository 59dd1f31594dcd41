import { execFileSync } from 'node:child_process';
import type { BenchmarkGpu } from './result-schema.js';

const MIB = 1024 * 1024;

/**
 * Reads `nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader,nounits`
 * output: one GPU per line, memory in MiB. Lines that do not have the three fields are skipped.
 */
export function parseNvidiaSmiGpus(text: string): BenchmarkGpu[] {
  const gpus: BenchmarkGpu[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length !== 3 || !fields[0]) continue;
    const mib = Number(fields[2]);
    gpus.push({
      model: fields[0],
      driver: fields[1]!,
      memoryBytes: Number.isFinite(mib) && mib >= 0 ? mib * MIB : 0,
    });
  }
  return gpus;
}

/**
 * The GPUs `nvidia-smi` (looked up on the PATH of `env`) reports, or `undefined` when it is not
 * installed, fails, or lists none — a machine without NVIDIA GPUs records no `gpus` at all.
 */
export function queryGpus(env: NodeJS.ProcessEnv = process.env): BenchmarkGpu[] | undefined {
  let text: string;
  try {
    text = execFileSync(
      'nvidia-smi',
      ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader,nounits'],
      {
        encoding: 'utf8',
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      },
    );
  } catch {
    return undefined;
  }
  const gpus = parseNvidiaSmiGpus(text);
  return gpus.length > 0 ? gpus : undefined;
}
