import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { MemoryReport } from '@prismq/profiling';
import { memoryTargetBytes, readTargetsFile } from '@prismq/perf-tools';
import {
  BudgetSettingError,
  SESSION_TARGET_ID,
  formatVerdict,
  judgeSession,
  sessionBudgetBytes,
} from '../src/memory-budget.js';

const MB = 1024 * 1024;

function report(beforeHeap: number, peakHeap: number, repeated?: number[]): MemoryReport {
  const snapshot = (heapUsed: number) => ({
    heapUsed,
    heapTotal: heapUsed * 2,
    rss: 200 * MB,
    external: 0,
    arrayBuffers: 0,
  });
  return {
    schemaVersion: 1,
    kind: 'memory',
    name: 'session',
    timestamp: new Date(0).toISOString(),
    wallMs: 1,
    sampleIntervalMs: 1,
    samples: 3,
    before: snapshot(beforeHeap),
    after: snapshot(beforeHeap),
    peak: { heapUsed: peakHeap, rss: 210 * MB },
    increase: { heapUsed: 0, heapTotal: 0, rss: 3 * MB, external: 0 },
    heapAfterRepeatedCalls: repeated,
  };
}

describe('judgeSession', () => {
  it('measures the session as peak heap minus heap before, against the budget', () => {
    expect(judgeSession(report(40 * MB, 139 * MB), 100 * MB).withinBudget).toBe(true);
    const over = judgeSession(report(40 * MB, 141 * MB), 100 * MB);
    expect(over.withinBudget).toBe(false);
    expect(over.sessionBytes).toBe(101 * MB);
    expect(formatVerdict(over, 100 * MB)).toMatch(
      /^OVER session: session heap 101\.00 MB \(budget 100\.00 MB\)/,
    );
  });

  it('reports retained growth over the repeated calls, or n/a without them', () => {
    expect(
      judgeSession(report(0, MB, [10 * MB, 12 * MB, 15 * MB]), 100 * MB).retainedGrowthBytes,
    ).toBe(5 * MB);
    expect(formatVerdict(judgeSession(report(0, MB), 100 * MB), 100 * MB)).toContain(
      'retained growth over repeats n/a',
    );
  });
});

describe('sessionBudgetBytes', () => {
  it('defaults to the session target of benchmarks/targets.json and accepts an override in MB', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const target = memoryTargetBytes(readTargetsFile(root), SESSION_TARGET_ID, 'targets.json');
    expect(target.target.module).toBe('scoring');
    expect(sessionBudgetBytes({}, target.bytes)).toBe(target.bytes);
    expect(sessionBudgetBytes({ PRISMQ_SCORING_SESSION_BUDGET_MB: '0.5' }, target.bytes)).toBe(
      0.5 * MB,
    );
  });

  it.each(['0', '-3', 'ten', 'Infinity'])('rejects %j naming the variable', (value) => {
    expect(() => sessionBudgetBytes({ PRISMQ_SCORING_SESSION_BUDGET_MB: value }, MB)).toThrow(
      BudgetSettingError,
    );
    expect(() => sessionBudgetBytes({ PRISMQ_SCORING_SESSION_BUDGET_MB: value }, MB)).toThrow(
      /PRISMQ_SCORING_SESSION_BUDGET_MB must be a positive number/,
    );
  });
});

describe('the profile target', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'scoring-profile-'));
  afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

  it('writes CPU and memory reports and exits 1 when a session is over the budget', async () => {
    const script = fileURLToPath(new URL('../src/profile.ts', import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      // A budget of about one kilobyte: every real scoring session is over it.
      env: {
        ...process.env,
        PRISMQ_PROFILE_DIR: profileDir,
        PRISMQ_SCORING_SESSION_BUDGET_MB: '0.001',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(1);
    expect(stdout, stderr).toMatch(/^OVER scoring-batch-10000: session heap/m);
    expect(stderr).toMatch(/session\(s\) over the .* MB memory target/);
    const memoryFiles = readdirSync(join(profileDir, 'memory'));
    const cpuFiles = readdirSync(join(profileDir, 'cpu'));
    for (const name of [
      'scoring-text-long',
      'scoring-batch-100',
      'scoring-text-100k-words',
      'scoring-batch-10000',
    ]) {
      expect(
        memoryFiles.some((file) => file.startsWith(`${name}_`) && file.endsWith('.memory.json')),
      ).toBe(true);
      expect(
        cpuFiles.some((file) => file.startsWith(`${name}_`) && file.endsWith('.cpuprofile')),
      ).toBe(true);
    }
  }, 120_000);
});
