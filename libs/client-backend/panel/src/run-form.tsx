import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, type PanelApi } from './api.js';
import type { ModuleDefinition, ModuleParameter, RunRecord } from './api-types.js';
import {
  fieldId,
  fieldLabel,
  initialFieldValues,
  placeErrors,
  toParameters,
  type FieldValues,
} from './parameter-form.js';

interface FieldProps {
  module: ModuleDefinition;
  parameter: ModuleParameter;
  value: string | boolean | undefined;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}

/** What a path parameter may do with its path, when the module declares it. */
function accessOf(parameter: ModuleParameter): string | undefined {
  const access = (parameter as { access?: unknown }).access;
  return typeof access === 'string' ? access : undefined;
}

function Field({ module, parameter, value, error, onChange }: FieldProps) {
  const id = fieldId(module, parameter);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const access = accessOf(parameter);
  const hint = [
    parameter.description,
    parameter.type === 'number' && parameter.min !== undefined ? `min ${parameter.min}` : '',
    parameter.type === 'number' && parameter.max !== undefined ? `max ${parameter.max}` : '',
    access !== undefined ? `path, ${access} access` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const describedBy = [hint !== '' ? hintId : '', error !== undefined ? errorId : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: parameter.name,
    required: parameter.required,
    'aria-invalid': error !== undefined ? ('true' as const) : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  };
  const text = (event: Event): void => onChange((event.currentTarget as HTMLInputElement).value);
  // The marker is for the eye; assistive technology hears `required` from the control itself,
  // so the control's accessible name stays the parameter's name.
  const label = (
    <label for={id}>
      {fieldLabel(parameter)}
      {parameter.required && (
        <span class="required" aria-hidden="true">
          {' '}
          (required)
        </span>
      )}
    </label>
  );

  let control;
  switch (parameter.type) {
    case 'checkbox':
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          step={parameter.integer === true ? '1' : 'any'}
          inputMode={parameter.integer === true ? 'numeric' : 'decimal'}
          min={parameter.min}
          max={parameter.max}
          value={typeof value === 'string' ? value : ''}
          onInput={text}
        />
      );
      break;
    case 'select':
      control = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={text}>
          {parameter.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'password':
      control = (
        <input
          {...common}
          type="password"
          autocomplete="off"
          value={typeof value === 'string' ? value : ''}
          onInput={text}
        />
      );
      break;
    default:
      // text, and any type this page does not know (paths among them): a plain text input.
      control = (
        <input
          {...common}
          type="text"
          spellcheck={false}
          autocomplete="off"
          value={typeof value === 'string' ? value : ''}
          onInput={text}
        />
      );
  }
  return (
    <div class={`field field-${parameter.type}${error !== undefined ? ' has-error' : ''}`}>
      {parameter.type === 'checkbox' ? (
        <div class="checkbox-row">
          {control}
          {label}
        </div>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      {hint !== '' && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** What a module's card and its run form are given. */
export interface ModuleActionProps {
  api: PanelApi;
  module: ModuleDefinition;
  onLaunched: (run: RunRecord) => void;
}

/**
 * A module's run form, built from its parameter declarations and filled with its saved config.
 * The server checks the values; its refusals appear beside the fields they name.
 */
export function RunForm({ api, module, onLaunched }: ModuleActionProps) {
  const [fields, setFields] = useState<FieldValues | undefined>();
  const [saveConfig, setSaveConfig] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api.moduleConfig(module.id).then(
      (saved) => setFields(initialFieldValues(module, saved)),
      (failure: Error) => {
        setFields(initialFieldValues(module, {}));
        setGeneral([`Could not load the saved settings: ${failure.message}`]);
      },
    );
  }, [api, module]);

  // After refusals, move focus to the first field that was refused, in the same frame as the
  // messages appear (a layout effect), so focus never lags behind what is shown.
  useLayoutEffect(() => {
    const first = module.parameters.find((parameter) => errors[parameter.name] !== undefined);
    if (first !== undefined) document.getElementById(fieldId(module, first))?.focus();
  }, [errors, module]);

  if (fields === undefined) return <p class="muted">Loading settings…</p>;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const elements = form.current?.elements;
    const unreadable = new Set(
      module.parameters
        .filter((parameter) => {
          const control = elements?.namedItem(parameter.name);
          return control instanceof HTMLInputElement && control.validity.badInput;
        })
        .map((parameter) => parameter.name),
    );
    const { parameters, problems } = toParameters(module, fields, unreadable);
    setGeneral([]);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    try {
      const run = await api.launch(module.id, parameters, saveConfig);
      setErrors({});
      onLaunched(run);
    } catch (failure) {
      if (failure instanceof ApiRequestError) {
        const placed = placeErrors(module, failure.details);
        setErrors(placed.byField);
        setGeneral(
          placed.general.length > 0 || Object.keys(placed.byField).length === 0
            ? [failure.message, ...placed.general]
            : [],
        );
      } else {
        setGeneral([`Could not reach the server: ${(failure as Error).message}`]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="run-form"
      method="post"
      noValidate
      aria-label={`Run ${module.name}`}
      onSubmit={(event) => void submit(event)}
    >
      {general.length > 0 && (
        <div class="form-error" role="alert">
          {general.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <p class="visually-hidden" role="alert">
          {`${Object.keys(errors).length} field${Object.keys(errors).length === 1 ? '' : 's'} need attention.`}
        </p>
      )}
      {module.parameters.length === 0 && <p class="muted">This module takes no parameters.</p>}
      {module.parameters.map((parameter) => (
        <Field
          key={parameter.name}
          module={module}
          parameter={parameter}
          value={fields[parameter.name]}
          error={errors[parameter.name]}
          onChange={(value) => setFields({ ...fields, [parameter.name]: value })}
        />
      ))}
      <div class="form-actions">
        <label class="save-config">
          <input
            type="checkbox"
            checked={saveConfig}
            onChange={(event) => setSaveConfig(event.currentTarget.checked)}
          />
          Remember these values
        </label>
        <button type="submit" disabled={busy || !module.enabled}>
          {busy ? 'Starting…' : `Start ${module.name}`}
        </button>
      </div>
    </form>
  );
}
