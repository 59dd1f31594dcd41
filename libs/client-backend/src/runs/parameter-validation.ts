import { controlCharacterIndex } from './control-characters.js';
import type { ErrorDetail } from './error-detail.js';
import type { ModuleDefinition, ModuleParameter } from '../registry/module-schema.js';
import { PARAMETER_NAME_PATTERN } from '../registry/module-schema.js';
import type { ParameterValue, ParameterValues } from '../store/run-record.js';

/** Most keys a request may carry in `parameters`. */
export const MAX_PARAMETERS = 100;
/** What a password value is replaced with wherever it would otherwise be stored or returned. */
const REDACTED = '***';

/** Result of checking parameters against a module's declarations. */
export type ParameterCheck =
  { ok: true; values: ParameterValues } | { ok: false; details: ErrorDetail[] };

/** Longest string a parameter value may be, in UTF-16 units. */
export const MAX_TEXT_LENGTH = 65_536;
/** Longest path a `path` parameter may hold. */
const MAX_PATH_LENGTH = 4_096;

function controlCharacter(
  value: string,
  allowLines: boolean,
  field: string,
): ErrorDetail | undefined {
  const index = controlCharacterIndex(value, allowLines);
  if (index === -1) return undefined;
  const code = value.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return {
    field,
    rule: 'control-character',
    message: `${field} must not contain control characters (U+${code} at index ${index}${allowLines ? '; only tab and newline are allowed' : ''})`,
  };
}

function checkString(
  value: unknown,
  field: string,
  maxLength: number,
  allowLines: boolean,
): ErrorDetail | undefined {
  if (typeof value !== 'string')
    return { field, rule: 'type', message: `${field} must be a string` };
  if (value.length > maxLength)
    return {
      field,
      rule: 'max-length',
      message: `${field} must be at most ${maxLength} characters`,
    };
  return controlCharacter(value, allowLines, field);
}

function checkValue(
  parameter: ModuleParameter,
  value: unknown,
  field: string,
): ErrorDetail | undefined {
  switch (parameter.type) {
    case 'text': {
      const problem = checkString(value, field, MAX_TEXT_LENGTH, true);
      if (problem) return problem;
      const pattern = parameter.validation?.pattern;
      if (pattern !== undefined && !new RegExp(pattern).test(value as string)) {
        return { field, rule: 'pattern', message: `${field} must match ${pattern}` };
      }
      return undefined;
    }
    case 'password':
      // Messages about a password never quote it.
      return checkString(value, field, MAX_TEXT_LENGTH, false);
    case 'path': {
      const problem = checkString(value, field, MAX_PATH_LENGTH, false);
      if (problem) return problem;
      if (value === '') return { field, rule: 'min-length', message: `${field} must not be empty` };
      return undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { field, rule: 'type', message: `${field} must be a finite number` };
      }
      if (parameter.integer === true && !Number.isSafeInteger(value)) {
        return { field, rule: 'integer', message: `${field} must be a whole number, got ${value}` };
      }
      if (parameter.min !== undefined && value < parameter.min) {
        return {
          field,
          rule: 'min',
          message: `${field} must be at least ${parameter.min}, got ${value}`,
        };
      }
      if (parameter.max !== undefined && value > parameter.max) {
        return {
          field,
          rule: 'max',
          message: `${field} must be at most ${parameter.max}, got ${value}`,
        };
      }
      return undefined;
    }
    case 'select':
      if (typeof value !== 'string' || !parameter.options.includes(value)) {
        return {
          field,
          rule: 'options',
          message: `${field} must be one of ${parameter.options.join(', ')}`,
        };
      }
      return undefined;
    case 'checkbox':
      if (typeof value !== 'boolean')
        return { field, rule: 'type', message: `${field} must be a boolean` };
      return undefined;
  }
}

/**
 * Checks request parameters against a module's declarations: key count, names, unknown keys,
 * types, bounds, select options and patterns. Missing required parameters are checked
 * separately, after defaults and saved config are merged in.
 */
export function checkParameters(
  module: ModuleDefinition,
  input: Record<string, unknown>,
): ParameterCheck {
  const details: ErrorDetail[] = [];
  const keys = Object.keys(input);
  if (keys.length > MAX_PARAMETERS) {
    return {
      ok: false,
      details: [
        {
          field: 'parameters',
          rule: 'max-keys',
          message: `parameters may have at most ${MAX_PARAMETERS} keys, got ${keys.length}`,
        },
      ],
    };
  }
  const declared = new Map(module.parameters.map((parameter) => [parameter.name, parameter]));
  const values: ParameterValues = {};
  for (const key of keys) {
    const field = `parameters.${key}`;
    if (!PARAMETER_NAME_PATTERN.test(key)) {
      details.push({
        field,
        rule: 'name',
        message: `${field}: name must match ${PARAMETER_NAME_PATTERN.source}`,
      });
      continue;
    }
    const parameter = declared.get(key);
    if (parameter === undefined) {
      details.push({
        field,
        rule: 'unknown',
        message: `${field} is not a parameter of module ${module.id}`,
      });
      continue;
    }
    const problem = checkValue(parameter, input[key], field);
    if (problem) details.push(problem);
    else values[key] = input[key] as ParameterValue;
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, values };
}

/** Lists each required parameter that has no value. */
export function checkRequired(module: ModuleDefinition, values: ParameterValues): ErrorDetail[] {
  return module.parameters
    .filter((parameter) => parameter.required && values[parameter.name] === undefined)
    .map((parameter) => ({
      field: `parameters.${parameter.name}`,
      rule: 'required',
      message: `parameters.${parameter.name} is required by module ${module.id}`,
    }));
}

/** Declared defaults, then each layer in order (later wins). */
export function mergeWithDefaults(
  module: ModuleDefinition,
  ...layers: ParameterValues[]
): ParameterValues {
  const merged: ParameterValues = {};
  for (const parameter of module.parameters) {
    if (parameter.type !== 'password' && parameter.default !== undefined)
      merged[parameter.name] = parameter.default;
  }
  for (const layer of layers) Object.assign(merged, layer);
  return merged;
}

/** Replaces password values so they can be stored or returned. */
export function redactParameters(
  module: ModuleDefinition,
  values: ParameterValues,
): ParameterValues {
  const passwords = new Set(
    module.parameters.filter((p) => p.type === 'password').map((p) => p.name),
  );
  const redacted: ParameterValues = {};
  for (const [key, value] of Object.entries(values))
    redacted[key] = passwords.has(key) ? REDACTED : value;
  return redacted;
}

/** Drops password values: saved module configs never hold secrets. */
export function withoutPasswords(
  module: ModuleDefinition,
  values: ParameterValues,
): ParameterValues {
  const passwords = new Set(
    module.parameters.filter((p) => p.type === 'password').map((p) => p.name),
  );
  return Object.fromEntries(Object.entries(values).filter(([key]) => !passwords.has(key)));
}

/**
 * Turns values into argv in declaration order: `--name=value`, a true checkbox as a bare
 * `--name`, a false one left out. One argument per value, so a value that starts with a dash
 * stays a value and never becomes a flag of its own. Never joined into a shell string.
 */
export function parametersToArgv(module: ModuleDefinition, values: ParameterValues): string[] {
  const argv: string[] = [];
  for (const parameter of module.parameters) {
    const value = values[parameter.name];
    if (value === undefined) continue;
    if (parameter.type === 'checkbox') {
      if (value === true) argv.push(`--${parameter.name}`);
      continue;
    }
    argv.push(`--${parameter.name}=${String(value)}`);
  }
  return argv;
}
