import type { MemoryTarget, TargetsFile } from './targets-file-schema';
import { TargetsFileError } from './targets-file-error';
import { convertUnit } from './unit-conversion';

/**
 * The memory target `id` of a targets file and its bound in bytes, for a profile that checks
 * its scenarios while it runs.
 * @throws {@link TargetsFileError} (`TARGET_MISSING`) when the file has no memory target `id`
 */
export function memoryTargetBytes(
  targets: TargetsFile,
  id: string,
  file: string,
): { readonly target: MemoryTarget; readonly bytes: number } {
  const target = targets.memory.find((t) => t.id === id);
  if (!target)
    throw new TargetsFileError('TARGET_MISSING', file, 'memory', `no memory target "${id}"`);
  // A memory target's unit is always one of B, KB, MB, GB, so it always converts.
  return { target, bytes: convertUnit(target.value, target.unit, 'B')! };
}
