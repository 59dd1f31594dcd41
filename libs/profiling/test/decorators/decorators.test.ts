import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { profile, timed } from '../../src/decorators/profile-decorators.js';
import {
  clearProfilingResults,
  getProfilingResults,
} from '../../src/collector/profiling-collector.js';
import { ProfilingError } from '../../src/collector/profiling-error.js';
import {
  getProfilingMode,
  parseProfilingMode,
  setProfilingMode,
} from '../../src/collector/profiling-mode.js';
import { createTempWorkspace, PACKAGE_DIR, type TempWorkspace } from '../temp-workspace.js';

describe('standard (TC39) decorators, compiled by tsx in a child process', () => {
  let ws: TempWorkspace;
  let report: Record<string, Record<string, unknown>>;

  beforeAll(() => {
    ws = createTempWorkspace();
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'scenarios.ts'], {
      cwd: join(PACKAGE_DIR, 'test', 'fixtures', 'standard-decorators'),
      encoding: 'utf8',
      env: { ...process.env, PRISMQ_PROFILE: '', PRISMQ_PROFILE_DIR: ws.dir },
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    report = JSON.parse(child.stdout);
    return () => ws.dispose();
  });

  it('only calls the method when profiling is off, keeping its name', () => {
    expect(report['off']).toEqual({ add: 6, total: 6, name: 'add', results: [] });
  });

  it('times sync, async, static and throwing methods in time mode, keeping this, arguments, values and errors', () => {
    expect(report['time']).toEqual({
      add: 6,
      addLater: 10,
      created: true,
      sameError: true,
      results: [
        ['Counter.fail', 'time', true],
        ['Counter.add', 'time', false],
        ['slow-add', 'time', false],
        ['Counter.create', 'time', false],
      ],
    });
  });

  it('profiles only @profile in cpu mode and only @profileMemory in memory mode', () => {
    expect(report['cpu']).toEqual({
      crunched: true,
      allocated: 10,
      results: [['Worker.crunch', 'cpu', false]],
    });
    expect(report['memory']).toEqual({
      allocated: 1000,
      results: [['Worker.allocate', 'memory', false]],
    });
    expect(report['all']?.['results']).toEqual([
      ['Worker.crunch', 'cpu', false],
      ['Counter.add', 'time', false],
    ]);
  });

  it('writes the reports under PRISMQ_PROFILE_DIR/cpu and /memory', () => {
    const files = report['files'] as { cpu: string[]; memory: string[] };
    expect(files.cpu.filter((f) => /^Worker\.crunch_.*\.cpuprofile$/.test(f))).toHaveLength(2);
    expect(files.memory.filter((f) => /^Worker\.allocate_.*\.memory\.json$/.test(f))).toHaveLength(
      1,
    );
  });
});

describe('decorator call shapes and the mode switch (in process)', () => {
  beforeEach(() => clearProfilingResults());
  afterEach(() => setProfilingMode('off'));

  it('handles the experimentalDecorators shape: rewrites the descriptor and keeps this', () => {
    class Legacy {
      factor = 3;
      scale(value: number): number {
        return value * this.factor;
      }
    }
    const descriptor = Object.getOwnPropertyDescriptor(
      Legacy.prototype,
      'scale',
    ) as PropertyDescriptor;
    Object.defineProperty(
      Legacy.prototype,
      'scale',
      timed()(Legacy.prototype, 'scale', descriptor),
    );
    expect(new Legacy().scale(5)).toBe(15);
    expect(getProfilingResults()).toEqual([]);
    setProfilingMode('time');
    expect(new Legacy().scale(5)).toBe(15);
    expect(getProfilingResults().map((r) => r.name)).toEqual(['Legacy.scale']);
  });

  it('handles the standard shape when called directly', () => {
    const method = function (this: { base: number }, n: number) {
      return this.base + n;
    };
    const wrapped = timed({ cpuTime: false })(method, {
      kind: 'method',
      name: 'plus',
    } as ClassMethodDecoratorContext);
    setProfilingMode('time');
    expect(wrapped.call({ base: 1 }, 2)).toBe(3);
    expect(getProfilingResults()[0]?.name).toBe('Object.plus');
  });

  it('refuses what is not a method', () => {
    expect(() =>
      timed()(() => 1, { kind: 'getter', name: 'size' } as unknown as ClassMethodDecoratorContext),
    ).toThrow(/@timed applies to class methods, not to the getter size/);
    expect(() => timed()({}, 'size', { get: () => 1, configurable: true })).toThrow(
      /not to the accessor size/,
    );
  });

  it('rejects invalid decorator options when the class is defined', () => {
    expect(() => profile({ sampleIntervalUs: -1 })).toThrow(/option sampleIntervalUs/);
  });

  it('switches modes and refuses unknown ones naming the value', () => {
    setProfilingMode('cpu');
    expect(getProfilingMode()).toBe('cpu');
    expect(() => setProfilingMode('verbose' as never)).toThrow(ProfilingError);
    expect(() => setProfilingMode('verbose' as never)).toThrow(
      /"verbose".*off, time, cpu, memory, all/,
    );
    expect(getProfilingMode()).toBe('cpu');
    expect(parseProfilingMode(' ALL ')).toBe('all');
    expect(parseProfilingMode(undefined)).toBe('off');
    expect(() => parseProfilingMode('loud')).toThrow(/PRISMQ_PROFILE="loud"/);
  });
});
