import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryReportSchema } from '../../src/results/profile-summary-schema.js';
import type { MemoryFigures } from '../../src/collector/profiling-result.js';
import { installBuiltPackage } from '../installed-package.js';
import { createTempWorkspace, type TempWorkspace } from '../temp-workspace.js';

const MB = 1024 * 1024;

// The README's fill-and-drop, run by the built package in a CommonJS project.
const FILL_AND_DROP = `
const MB = 1024 * 1024;
const megabyte = () => new Array(MB / 8).fill(0.5);
const fillAndDrop = () => Array.from({ length: 60 }, megabyte).length;
profileMemory(fillAndDrop, { name: 'fill-and-drop' }).then((value) => {
  const result = getProfilingResults().at(-1);
  const report = JSON.parse(readFileSync(result.reportPaths[0], 'utf8'));
  console.log(JSON.stringify({ value, memory: result.memory, report }));
});
`;
const CALLERS = {
  'fill.cjs': `const { readFileSync } = require('node:fs');
const { getProfilingResults, profileMemory } = require('@prismq/profiling');${FILL_AND_DROP}`,
  'fill.mjs': `import { readFileSync } from 'node:fs';
import { getProfilingResults, profileMemory } from '@prismq/profiling';${FILL_AND_DROP}`,
};

const RUNS = Object.keys(CALLERS).flatMap((caller) =>
  [[], ['--expose-gc']].map((flags) => ({
    caller,
    flags,
    command: ['node', ...flags, caller].join(' '),
  })),
);

describe('profileMemory figures from the built package', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    ws.write('package.json', '{ "name": "consumer", "version": "1.0.0", "type": "commonjs" }\n');
    installBuiltPackage(ws.dir, { tsx: false });
    for (const [file, source] of Object.entries(CALLERS)) ws.write(file, source);
  });
  afterEach(() => ws.dispose());

  it.each(RUNS)(
    '$command: a 60 MB fill-and-drop has every documented figure, plausible',
    ({ caller, flags }) => {
      const child = spawnSync(process.execPath, [...flags, caller], {
        cwd: ws.dir,
        encoding: 'utf8',
        env: { ...process.env, PRISMQ_PROFILE: '' },
        timeout: 60_000,
      });
      expect(child.status, child.stderr).toBe(0);
      const { value, memory, report } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
        value: number;
        memory: MemoryFigures;
        report: unknown;
      };
      expect(value).toBe(60);
      const parsed = MemoryReportSchema.parse(report);

      expect(Object.keys(memory).sort()).toEqual(
        ['after', 'allocated', 'before', 'increase', 'peak', 'retained'].sort(),
      );
      expect(parsed.retained).toEqual({ heapUsed: memory.retained, approximate: false });
      expect(parsed.allocated?.heapBytes).toBe(memory.allocated);
      expect(parsed.allocated?.collections).toBeGreaterThan(0);
      expect(parsed.peak).toEqual(memory.peak);
      expect(parsed.peakRssSource).toMatch(/^(high-water-mark|sampled|endpoints)$/);
      expect(parsed.increase.heapUsed).toBe(memory.after.heapUsed - memory.before.heapUsed);

      expect(memory.retained).toBeLessThan(MB);
      expect(memory.allocated).toBeGreaterThanOrEqual(60 * MB);
      const peakAbove = memory.peak.heapUsed - memory.before.heapUsed;
      expect(peakAbove).toBeGreaterThanOrEqual(59 * MB);
      expect(peakAbove).toBeGreaterThanOrEqual(memory.retained);
      expect(memory.peak.heapUsed).toBeGreaterThanOrEqual(memory.after.heapUsed);
      expect(memory.peak.rss).toBeGreaterThanOrEqual(memory.before.rss);
    },
  );
});
