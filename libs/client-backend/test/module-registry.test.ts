import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultModuleRegistry } from '../src/registry/default-registry.js';
import { ModuleRegistryError } from '../src/registry/module-registry-error.js';
import { loadModuleRegistry, parseModuleRegistry } from '../src/registry/module-registry.js';

const dir = mkdtempSync(path.join(tmpdir(), 'prismq-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('module registry', () => {
  it('resolves relative command parts against the file folder and node to this Node', () => {
    const file = path.join(dir, 'modules.json');
    writeFileSync(
      file,
      JSON.stringify({
        modules: [{ id: 'a', name: 'A', command: ['node', './tool.js', '--flag', 'x/y'] }],
      }),
    );
    const registry = loadModuleRegistry(file);
    expect(registry.get('a')?.command).toEqual([
      process.execPath,
      path.join(dir, 'tool.js'),
      '--flag',
      'x/y',
    ]);
    expect(registry.get('a')?.enabled).toBe(true);
  });

  it('names the file, the path inside it and the problem', () => {
    const text = JSON.stringify({
      modules: [
        { id: 'ok', name: 'Ok', command: ['x'] },
        { id: 'Bad Id', name: 'B', command: [] },
      ],
    });
    const error = (() => {
      try {
        parseModuleRegistry(text, '/etc/prismq/modules.json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ModuleRegistryError);
    const message = (error as Error).message;
    expect(message).toContain('/etc/prismq/modules.json');
    expect(message).toContain('modules.1.id: module id must match');
    expect(message).toContain('modules.1.command');
    expect((error as ModuleRegistryError).code).toBe('MODULE_REGISTRY_INVALID');
  });

  it('reports broken JSON, duplicate ids, bad parameter types and bad regexes', () => {
    expect(() => parseModuleRegistry('{ nope', 'm.json')).toThrow(/m\.json[\s\S]*not valid JSON/);
    const duplicate = {
      modules: [
        { id: 'a', name: 'A', command: ['x'] },
        { id: 'a', name: 'B', command: ['y'] },
      ],
    };
    expect(() => parseModuleRegistry(JSON.stringify(duplicate), 'm.json')).toThrow(
      /modules\.1\.id: duplicate module id a/,
    );
    const badType = {
      modules: [
        { id: 'a', name: 'A', command: ['x'], parameters: [{ name: 'p', type: 'colour' }] },
      ],
    };
    expect(() => parseModuleRegistry(JSON.stringify(badType), 'm.json')).toThrow(
      /modules\.0\.parameters\.0\.type/,
    );
    const badRegex = {
      modules: [
        {
          id: 'a',
          name: 'A',
          command: ['x'],
          parameters: [{ name: 'p', type: 'text', validation: { pattern: '(' } }],
        },
      ],
    };
    expect(() => parseModuleRegistry(JSON.stringify(badRegex), 'm.json')).toThrow(
      /validation\.pattern: pattern is not a valid regular expression/,
    );
  });

  it('reports a file that cannot be read', () => {
    expect(() => loadModuleRegistry(path.join(dir, 'absent.json'))).toThrow(
      /absent\.json[\s\S]*cannot be read/,
    );
  });

  it('ships scoring, classification and demo modules with resolved commands', () => {
    const registry = defaultModuleRegistry();
    expect([...registry.keys()]).toEqual(['prismq-score', 'prismq-classify', 'demo']);
    expect(registry.get('prismq-score')?.command[1]).toMatch(/scoring[\\/]dist[\\/]cli\.js$/);
    expect(registry.get('demo')?.command[1]).toMatch(/modules[\\/]demo\.mjs$/);
  });
});
