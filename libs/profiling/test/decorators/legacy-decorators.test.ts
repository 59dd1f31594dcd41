import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempWorkspace, PACKAGE_DIR, type TempWorkspace } from '../temp-workspace.js';

const FIXTURE = join(PACKAGE_DIR, 'test', 'fixtures', 'legacy-decorators');

function runFixture(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'service.ts'], {
    cwd: FIXTURE,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('decorators under experimentalDecorators (child process) and the PRISMQ_PROFILE switch', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
  });
  afterEach(() => ws.dispose());

  it('keeps behaviour and records nothing when PRISMQ_PROFILE is unset', () => {
    const result = runFixture({ PRISMQ_PROFILE: '', PRISMQ_PROFILE_DIR: ws.dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      mode: 'off',
      handled: 'ABC',
      loaded: { id: 7 },
      computed: 499500,
      calls: 1,
      failure: 'legacy failure',
      results: [],
    });
  });

  it('profiles sync, async and throwing methods with PRISMQ_PROFILE=all', () => {
    const result = runFixture({ PRISMQ_PROFILE: 'all', PRISMQ_PROFILE_DIR: ws.dir });
    expect(result.status, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({
      mode: 'all',
      handled: 'ABC',
      loaded: { id: 7 },
      computed: 499500,
      calls: 1,
      failure: 'legacy failure',
    });
    expect(output.results).toEqual([
      { name: 'Service.handle', kind: 'time', threw: false },
      { name: 'Service.load', kind: 'time', threw: false },
      { name: 'Service.compute', kind: 'cpu', threw: false },
      { name: 'Service.reject', kind: 'memory', threw: true },
    ]);
  });

  it('prints a per-name summary of the timed calls on stderr at exit when nobody listens', () => {
    const result = runFixture({ PRISMQ_PROFILE: 'all', PRISMQ_PROFILE_DIR: ws.dir });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    expect(
      lines.some((line) => /kind\s+name\s+calls\s+total ms\s+mean ms\s+p50 ms\s+p95 ms/.test(line)),
    ).toBe(true);
    expect(lines.find((line) => line.includes('Service.handle'))).toMatch(
      /^time\s+Service\.handle\s+1\s+[\d.]+/,
    );
    expect(lines.some((line) => line.includes('Service.load'))).toBe(true);
    // CPU and memory calls wrote their files: they are not in the table.
    expect(lines.some((line) => line.includes('Service.compute'))).toBe(false);
  });

  it('warns once and runs with profiling off when PRISMQ_PROFILE is unknown', () => {
    const result = runFixture({ PRISMQ_PROFILE: 'loud', PRISMQ_PROFILE_DIR: ws.dir });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'off', handled: 'ABC', results: [] });
    expect(result.stderr.split('PRISMQ_PROFILE="loud" is not a profiling mode')).toHaveLength(2);
    expect(result.stderr).toContain('profiling stays off');
  });
});
