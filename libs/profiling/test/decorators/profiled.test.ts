import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profiled } from '../../src/decorators/profiled.js';
import { profile, timed } from '../../src/decorators/profile-decorators.js';
import { profileMemory } from '../../src/decorators/profile-memory-call-or-decorator.js';
import {
  clearProfilingResults,
  getProfilingResults,
} from '../../src/collector/profiling-collector.js';
import { ProfilingError } from '../../src/collector/profiling-error.js';
import { setProfilingMode } from '../../src/collector/profiling-mode.js';
import {
  createTempWorkspace,
  PACKAGE_DIR,
  ROOT_NODE_MODULES,
  type TempWorkspace,
} from '../temp-workspace.js';

describe('profiled() for plain functions', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
    clearProfilingResults();
    setProfilingMode('off');
  });
  afterEach(() => {
    setProfilingMode('off');
    ws.dispose();
  });

  it('calls the function directly while its kind is off, keeping name, this, arguments and value', () => {
    const add = profiled(
      function add(this: { base: number }, n: number) {
        return this.base + n;
      },
      { kind: 'time' },
    );
    expect(add.name).toBe('add');
    expect(add.call({ base: 2 }, 3)).toBe(5);
    setProfilingMode('cpu');
    expect(add.call({ base: 2 }, 4)).toBe(6);
    expect(getProfilingResults()).toEqual([]);
  });

  it('records each call under the function name in time mode; sync stays sync, errors pass through', async () => {
    const parse = profiled((text: string) => JSON.parse(text) as unknown, {
      kind: 'time',
      name: 'parse',
    });
    let release!: (value: number) => void;
    const wait = profiled(
      async function wait(n: number) {
        return (await new Promise<number>((resolve) => (release = resolve))) + n;
      },
      { kind: 'time' },
    );
    setProfilingMode('time');
    expect(parse('{"a":1}')).toEqual({ a: 1 });
    expect(() => parse('{')).toThrow(SyntaxError);
    const waiting = wait(5);
    // The call has returned its promise but not settled: it is not recorded yet.
    expect(getProfilingResults()).toHaveLength(2);
    release(1);
    await expect(waiting).resolves.toBe(6);
    expect(getProfilingResults().map((r) => [r.name, r.kind, r.threw])).toEqual([
      ['parse', 'time', false],
      ['parse', 'time', true],
      ['wait', 'time', false],
    ]);
  });

  it('writes one CPU profile and one memory report per call when their kind is on', () => {
    const work = profiled(
      function work(n: number) {
        let x = 0;
        for (let i = 0; i < n; i++) x += Math.sqrt(i);
        return x;
      },
      { kind: 'cpu', outputDir: join(ws.dir, 'cpu') },
    );
    const build = profiled(() => new Array(10_000).fill(1).length, {
      kind: 'memory',
      name: 'build',
      outputDir: join(ws.dir, 'memory'),
    });
    setProfilingMode('all');
    expect(work(10_000)).toBeGreaterThan(0);
    expect(work(10_000)).toBeGreaterThan(0);
    expect(build()).toBe(10_000);
    expect(readdirSync(join(ws.dir, 'cpu')).filter((f) => f.endsWith('.cpuprofile'))).toHaveLength(
      2,
    );
    expect(
      readdirSync(join(ws.dir, 'memory')).filter(
        (f) => f.startsWith('build_') && f.endsWith('.memory.json'),
      ),
    ).toHaveLength(1);
  });

  it('refuses a non-function, an unknown kind and a bad option with a typed error', () => {
    expect(() => profiled(42 as never, { kind: 'time' })).toThrow(
      expect.objectContaining({ code: 'PROFILE_INVALID_OPTION', option: 'fn' }),
    );
    expect(() => profiled(() => 1, { kind: 'loud' } as never)).toThrow(
      /option kind \("loud"\) must be one of time, cpu, memory/,
    );
    expect(() => profiled(() => 1, { kind: 'cpu', sampleIntervalUs: -1 })).toThrow(
      /option sampleIntervalUs/,
    );
  });
});

describe('decorator misuse', () => {
  const misuse = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ProfilingError);
      expect((error as ProfilingError).code).toBe('PROFILE_DECORATOR_MISUSE');
      return (error as Error).message;
    }
    throw new Error('no error thrown');
  };

  it('names the decorator and the class, field or accessor it was put on', () => {
    class Foo {}
    expect(misuse(() => timed()(Foo as never, { kind: 'class', name: 'Foo' } as never))).toBe(
      '@timed applies to class methods, not to the class Foo',
    );
    expect(
      misuse(() => profile()(undefined as never, { kind: 'field', name: 'count' } as never)),
    ).toBe('@profile applies to class methods, not to the field count');
    expect(misuse(() => profileMemory()({}, 'size', { get: () => 1, configurable: true }))).toBe(
      '@profileMemory applies to class methods, not to the accessor size',
    );
    expect(misuse(() => timed()({}, 'count', undefined as never))).toBe(
      '@timed applies to class methods, not to the field count',
    );
    // A legacy class decorator, or a plain function passed by hand.
    expect(
      misuse(() => (timed() as unknown as (f: unknown) => unknown)(function rank() {})),
    ).toMatch(
      /not to the function or class rank \(for a plain function use profiled\(fn, \{ kind, name \}\)\)/,
    );
  });

  it('says to add the parentheses when a factory is used as the decorator itself', () => {
    const method = function handle() {};
    const context = { kind: 'method', name: 'handle' };
    expect(misuse(() => (timed as unknown as (...a: unknown[]) => unknown)(method, context))).toBe(
      '@timed must be called: write @timed() (with parentheses, options optional)',
    );
    expect(
      misuse(() =>
        (profile as unknown as (...a: unknown[]) => unknown)({}, 'handle', { value: method }),
      ),
    ).toMatch(/write @profile\(\)/);
    expect(
      misuse(() => (profileMemory as unknown as (...a: unknown[]) => unknown)(method, context)),
    ).toMatch(/write @profileMemory\(\)/);
  });
});

describe('exit summary (child process)', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = createTempWorkspace();
  });
  afterEach(() => ws.dispose());

  const INDEX = pathToFileURL(join(PACKAGE_DIR, 'src', 'index.ts')).href;
  const TSX = pathToFileURL(join(ROOT_NODE_MODULES, 'tsx', 'dist', 'loader.mjs')).href;
  function runScript(body: string, env: Record<string, string>) {
    const script = ws.write(
      'script.mts',
      `import { profiled, onProfilingResult } from '${INDEX}';\n${body}\n`,
    );
    return spawnSync(process.execPath, ['--import', TSX, script], {
      cwd: ws.dir,
      encoding: 'utf8',
      env: { ...process.env, PRISMQ_PROFILE_DIR: ws.dir, ...env },
      timeout: 60_000,
    });
  }
  const LOOP = `const square = profiled((n: number) => n * n, { kind: 'time', name: 'square' });
let sum = 0;
for (let i = 0; i < 5000; i++) sum += square(i);
console.log(sum);`;

  it('counts every call, beyond the kept samples', () => {
    const result = runScript(LOOP, { PRISMQ_PROFILE: 'time' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/PRISMQ_PROFILE=time summary/);
    expect(result.stderr).toMatch(/^time\s+square\s+5000\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+$/m);
  });

  it('stays quiet when profiling is off, when a listener receives the results, or with a JSON-lines file', () => {
    expect(runScript(LOOP, { PRISMQ_PROFILE: '' }).stderr).toBe('');
    expect(
      runScript(`onProfilingResult(() => {});\n${LOOP}`, { PRISMQ_PROFILE: 'time' }).stderr,
    ).toBe('');
    const withFile = runScript(
      LOOP.replace("name: 'square'", "name: 'square', jsonlFile: 'square.jsonl'"),
      { PRISMQ_PROFILE: 'time' },
    );
    expect(withFile.status, withFile.stderr).toBe(0);
    expect(withFile.stderr).toBe('');
  });
});
