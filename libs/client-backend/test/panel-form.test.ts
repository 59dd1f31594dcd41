import { describe, expect, it } from 'vitest';
import { defaultModuleRegistry } from '../src/registry/default-registry.js';
import { loadModuleRegistry } from '../src/registry/module-registry.js';
import { formatBytes, formatDuration } from '../panel/src/format.js';
import { filterModules } from '../panel/src/module-filter.js';
import { initialFieldValues, placeErrors, toParameters } from '../panel/src/parameter-form.js';
import { FIXTURE_MODULES } from './test-server.js';

const fixtures = loadModuleRegistry(FIXTURE_MODULES);
const env = fixtures.get('env')!;

describe('run form values', () => {
  it('fills every control from the saved config, with a blank for what has none', () => {
    expect(initialFieldValues(env, { mode: 'full', limit: 7, fail: true })).toEqual({
      input: '',
      mode: 'full',
      limit: '7',
      fail: true,
      api_key: '',
    });
    expect(initialFieldValues(env, {})).toMatchObject({ mode: 'fast', fail: false });
  });

  it('sends numbers as numbers, checkboxes always, and leaves empty inputs to the defaults', () => {
    const fields = { input: 'a.jsonl', mode: 'full', limit: '12.5', fail: false, api_key: '' };
    expect(toParameters(env, fields, new Set())).toEqual({
      parameters: { input: 'a.jsonl', mode: 'full', limit: 12.5, fail: false },
      problems: {},
    });
  });

  it('reports a number input the browser could not read instead of dropping it', () => {
    const fields = { input: 'a', mode: 'fast', limit: '', fail: false, api_key: '' };
    const result = toParameters(env, fields, new Set(['limit']));
    expect(result.problems).toEqual({ limit: 'limit must be a number' });
    expect(result.parameters).not.toHaveProperty('limit');
  });

  it('puts refusals naming a parameter beside it and the rest above the form', () => {
    const placed = placeErrors(env, [
      { field: 'parameters.limit', rule: 'max', message: 'parameters.limit must be at most 100' },
      { field: 'parameters.input', rule: 'required', message: 'parameters.input is required' },
      { field: 'parameters.nope', rule: 'unknown', message: 'parameters.nope is not a parameter' },
      { field: 'body', rule: 'json', message: 'malformed JSON' },
    ]);
    expect(placed).toEqual({
      byField: {
        limit: 'limit must be at most 100',
        input: 'input is required',
      },
      general: ['parameters.nope is not a parameter', 'malformed JSON'],
    });
  });
});

describe('module filter', () => {
  const modules = [...defaultModuleRegistry().values()];
  it('matches every word against id, name, description, category and tags, ignoring case', () => {
    expect(filterModules(modules, '').map((m) => m.id)).toEqual(modules.map((m) => m.id));
    expect(filterModules(modules, 'EXAMPLES').map((m) => m.id)).toEqual(['demo']);
    expect(filterModules(modules, 'processing scoring').map((m) => m.id)).toEqual(['prismq-score']);
    expect(filterModules(modules, 'processing demo')).toEqual([]);
  });
});

describe('formats', () => {
  it('writes durations and sizes for people', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3_500)).toBe('3.4 KiB');
    expect(formatBytes(5 * 1_048_576)).toBe('5.0 MiB');
  });
});
