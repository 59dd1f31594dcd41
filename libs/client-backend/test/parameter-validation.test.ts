import { describe, expect, it } from 'vitest';
import { ModuleDefinitionSchema } from '../src/registry/module-schema.js';
import {
  checkParameters,
  checkRequired,
  mergeWithDefaults,
  parametersToArgv,
  redactParameters,
  withoutPasswords,
} from '../src/runs/parameter-validation.js';

const module = ModuleDefinitionSchema.parse({
  id: 'scoring',
  name: 'Scoring',
  command: ['node', 'cli.js'],
  parameters: [
    { name: 'input', type: 'text', required: true, validation: { pattern: '^[a-z./]+$' } },
    { name: 'max_results', type: 'number', default: 10, min: 1, max: 100 },
    { name: 'mode', type: 'select', options: ['fast', 'full'], default: 'fast' },
    { name: 'dry_run', type: 'checkbox', default: false },
    { name: 'api_key', type: 'password' },
  ],
});

describe('checkParameters', () => {
  it('accepts values of the declared types within bounds', () => {
    const result = checkParameters(module, {
      input: 'a.jsonl',
      max_results: 100,
      mode: 'full',
      dry_run: true,
      api_key: 's3cret',
    });
    expect(result).toEqual({
      ok: true,
      values: {
        input: 'a.jsonl',
        max_results: 100,
        mode: 'full',
        dry_run: true,
        api_key: 's3cret',
      },
    });
  });

  it('names each field and the rule it broke', () => {
    const result = checkParameters(module, {
      input: 'UPPER',
      max_results: 0,
      mode: 'slow',
      dry_run: 'yes',
      nope: 1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details.map((detail) => [detail.field, detail.rule])).toEqual([
      ['parameters.input', 'pattern'],
      ['parameters.max_results', 'min'],
      ['parameters.mode', 'options'],
      ['parameters.dry_run', 'type'],
      ['parameters.nope', 'unknown'],
    ]);
  });

  it('rejects numbers above max and non-finite numbers', () => {
    const high = checkParameters(module, { max_results: 101 });
    expect(high.ok === false && high.details[0]?.rule).toBe('max');
    const nan = checkParameters(module, { max_results: Number.NaN });
    expect(nan.ok === false && nan.details[0]?.rule).toBe('type');
  });

  it('rejects more than 100 keys before looking at them', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 1]));
    const result = checkParameters(module, many);
    expect(result).toEqual({
      ok: false,
      details: [expect.objectContaining({ field: 'parameters', rule: 'max-keys' })],
    });
  });

  it('rejects malformed parameter names', () => {
    const result = checkParameters(module, { '1bad': 1 });
    expect(result.ok === false && result.details[0]?.rule).toBe('name');
  });
});

describe('merging, redaction and argv', () => {
  it('lists missing required parameters', () => {
    expect(checkRequired(module, mergeWithDefaults(module)).map((detail) => detail.field)).toEqual([
      'parameters.input',
    ]);
  });

  it('layers defaults, saved config and request in that order', () => {
    expect(
      mergeWithDefaults(module, { max_results: 20, mode: 'full' }, { max_results: 30 }),
    ).toEqual({
      max_results: 30,
      mode: 'full',
      dry_run: false,
    });
  });

  it('redacts passwords for storage and drops them from configs', () => {
    expect(redactParameters(module, { input: 'a', api_key: 'k' })).toEqual({
      input: 'a',
      api_key: '***',
    });
    expect(withoutPasswords(module, { input: 'a', api_key: 'k' })).toEqual({ input: 'a' });
  });

  it('builds argv in declaration order with checkboxes as bare flags', () => {
    expect(
      parametersToArgv(module, { dry_run: true, input: 'x y', max_results: 5, api_key: 'k' }),
    ).toEqual(['--input=x y', '--max_results=5', '--dry_run', '--api_key=k']);
    expect(parametersToArgv(module, { dry_run: false })).toEqual([]);
  });
});
