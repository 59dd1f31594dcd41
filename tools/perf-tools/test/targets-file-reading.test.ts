import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryTargetBytes } from '../src/targets/memory-target-bytes';
import { readTargetsFile } from '../src/targets/read-targets-file';
import { TargetsFileError } from '../src/targets/targets-file-error';
import { writeAt } from './run-document';
import { plantedTargets } from './workspace-fixture';

const roots: string[] = [];
function emptyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'perf-tools-targets-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('reading the targets file for a profile', () => {
  it('reads benchmarks/targets.json under the root and gives a memory target in bytes', () => {
    const root = emptyRoot();
    writeAt(root, 'benchmarks/targets.json', plantedTargets);
    const targets = readTargetsFile(root);
    expect(targets.targets.map((t) => t.id)).toContain('alpha-http-p95');
    const memory = memoryTargetBytes(targets, 'alpha-memory', 'benchmarks/targets.json');
    expect(memory.bytes).toBe(100 * 1024 * 1024);
    expect(memory.target.metric).toBe('peakHeapUsed');
  });

  it('names the file when it is missing or invalid, and the id when a memory target is missing', () => {
    const root = emptyRoot();
    expect(() => readTargetsFile(root)).toThrow(
      expect.objectContaining({ code: 'TARGETS_FILE_UNREADABLE', path: 'benchmarks/targets.json' }),
    );
    writeAt(root, 'elsewhere.json', { ...plantedTargets, version: 2 });
    expect(() => readTargetsFile(root, 'elsewhere.json')).toThrow(
      expect.objectContaining({ code: 'TARGETS_FILE_INVALID', location: 'version' }),
    );
    const error = (() => {
      try {
        memoryTargetBytes(plantedTargets, 'alpha-http-p95', 'benchmarks/targets.json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(TargetsFileError);
    expect(error).toMatchObject({ code: 'TARGET_MISSING' });
    expect((error as Error).message).toBe(
      'benchmarks/targets.json at memory: no memory target "alpha-http-p95"',
    );
  });
});
