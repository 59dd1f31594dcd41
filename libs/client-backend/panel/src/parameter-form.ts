import type { ParameterValues } from './api.js';
import type { ErrorDetail, ModuleDefinition, ModuleParameter } from './api-types.js';

/** What the form's controls hold: text for inputs and selects, a flag for checkboxes. */
export type FieldValues = Record<string, string | boolean>;

/** Control values from the saved config (which already has the declared defaults in it). */
export function initialFieldValues(module: ModuleDefinition, saved: ParameterValues): FieldValues {
  const fields: FieldValues = {};
  for (const parameter of module.parameters) {
    const value = saved[parameter.name];
    if (parameter.type === 'checkbox') fields[parameter.name] = value === true;
    else if (parameter.type === 'select')
      fields[parameter.name] = typeof value === 'string' ? value : (parameter.options[0] ?? '');
    else fields[parameter.name] = value === undefined ? '' : String(value);
  }
  return fields;
}

/**
 * Turns control values into request parameters. Empty inputs are left out, so the saved config
 * and declared defaults apply; `unreadable` names number inputs the browser could not parse.
 */
export function toParameters(
  module: ModuleDefinition,
  fields: FieldValues,
  unreadable: ReadonlySet<string>,
): { parameters: ParameterValues; problems: Record<string, string> } {
  const parameters: ParameterValues = {};
  const problems: Record<string, string> = {};
  for (const parameter of module.parameters) {
    const value = fields[parameter.name];
    if (parameter.type === 'checkbox') {
      parameters[parameter.name] = value === true;
      continue;
    }
    if (unreadable.has(parameter.name)) {
      problems[parameter.name] = `${parameter.name} must be a number`;
      continue;
    }
    if (typeof value !== 'string' || value === '') continue;
    parameters[parameter.name] = parameter.type === 'number' ? Number(value) : value;
  }
  return { parameters, problems };
}

/**
 * Sorts the API's error details: those naming a parameter (`parameters.<name>`) go beside that
 * field, the rest above the form.
 */
export function placeErrors(
  module: ModuleDefinition,
  details: readonly ErrorDetail[],
): { byField: Record<string, string>; general: string[] } {
  const names = new Set(module.parameters.map((parameter) => parameter.name));
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const detail of details) {
    const name = detail.field.startsWith('parameters.')
      ? detail.field.slice('parameters.'.length)
      : undefined;
    if (name !== undefined && names.has(name)) {
      // Beside its field the message reads "lines must be …", not "parameters.lines must be …".
      const message = detail.message.replace(/^parameters\./, '');
      byField[name] = byField[name] ? `${byField[name]}; ${message}` : message;
    } else general.push(detail.message);
  }
  return { byField, general };
}

/**
 * The text of a control's label: the parameter's name as the registry spells it, so that it is
 * the control's accessible name; a declared `label` that does not contain the name is followed
 * by the name in brackets ("Item limit (max_items)").
 */
export function fieldLabel(parameter: ModuleParameter): string {
  const { label, name } = parameter;
  if (label === undefined || label.trim() === '') return name;
  return label.includes(name) ? label : `${label} (${name})`;
}

/** The control's id, unique on the page. */
export function fieldId(module: ModuleDefinition, parameter: ModuleParameter): string {
  return `param-${module.id}-${parameter.name}`;
}
