import type { ModuleDefinition } from '../registry/module-schema.js';
import {
  checkParameters,
  checkRequired,
  mergeWithDefaults,
  parametersToArgv,
  redactParameters,
  withoutPasswords,
} from './parameter-validation.js';
import { resolvePathParameters, type PathRoots } from './path-parameter.js';
import { InvalidParametersError, ModuleDisabledError } from './run-errors.js';
import type { ParameterValues } from '../store/run-record.js';

/** Everything a validated launch request starts a run with. */
export interface ValidatedLaunch {
  /** The module's command followed by its parameters as flags. */
  argv: string[];
  /** Resolved `access: write` paths, whose folders are made before the module starts. */
  writePaths: string[];
  /** The values the run record shows, passwords redacted. */
  recordedParameters: ParameterValues;
  /** What "save config" keeps: saved values overlaid with the request's, passwords left out. */
  configToSave: ParameterValues;
}

/**
 * Checks a launch request against its module — enabled, each value by its rule, required ones
 * present after the saved config and defaults are merged in, paths inside their roots — and
 * turns it into a {@link ValidatedLaunch}. Throws {@link ModuleDisabledError} or
 * {@link InvalidParametersError} naming each parameter at fault.
 */
export function validateLaunch(
  module: ModuleDefinition,
  parameters: Record<string, unknown>,
  storedConfig: ParameterValues,
  roots: PathRoots,
): ValidatedLaunch {
  if (!module.enabled) throw new ModuleDisabledError(module.id);
  const check = checkParameters(module, parameters);
  if (!check.ok) throw new InvalidParametersError(module.id, 'invalid parameters', check.details);
  // A saved config is read as untrusted too: values that no longer pass are left out.
  const saved = Object.fromEntries(
    Object.entries(storedConfig).filter(
      ([key, value]) => checkParameters(module, { [key]: value }).ok,
    ),
  );
  const values = mergeWithDefaults(module, saved, check.values);
  const missing = checkRequired(module, values);
  if (missing.length > 0)
    throw new InvalidParametersError(module.id, 'missing parameters', missing);
  const resolved = resolvePathParameters(module, values, roots, true);
  if (!resolved.ok) throw new InvalidParametersError(module.id, 'invalid paths', resolved.details);
  return {
    argv: [...module.command, ...parametersToArgv(module, resolved.values)],
    writePaths: module.parameters
      .filter((parameter) => parameter.type === 'path' && parameter.access === 'write')
      .map((parameter) => resolved.values[parameter.name])
      .filter((value): value is string => typeof value === 'string'),
    recordedParameters: redactParameters(module, values),
    configToSave: withoutPasswords(module, { ...saved, ...check.values }),
  };
}
