import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ModuleRegistryError } from './module-registry-error.js';
import { ModuleRegistryFileSchema, type ModuleDefinition } from './module-schema.js';
import { formatValidationIssue } from './validation-issue.js';

/** Modules by id, in file order. */
export type ModuleRegistry = ReadonlyMap<string, ModuleDefinition>;

/**
 * Relative program and script paths (`./x`, `../x`) are resolved against the registry file's
 * folder so a registry can sit beside the modules it lists; a bare `node` becomes the running
 * Node binary so modules run on the same runtime as the server, whatever PATH holds.
 */
function resolveCommand(command: readonly string[], baseDir: string): string[] {
  return command.map((part, index) => {
    if (index === 0 && part === 'node') return process.execPath;
    if (part.startsWith('./') || part.startsWith('../')) return path.resolve(baseDir, part);
    return part;
  });
}

/**
 * Parses the text of a registry file. Throws {@link ModuleRegistryError} naming the file,
 * the path inside it and the problem when the JSON or the schema is broken.
 */
export function parseModuleRegistry(text: string, file: string): ModuleRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ModuleRegistryError(file, [`(root): not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = ModuleRegistryFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ModuleRegistryError(
      file,
      parsed.error.issues.map((issue) => formatValidationIssue(issue, '(root)')),
    );
  const baseDir = path.dirname(path.resolve(file));
  return new Map(
    parsed.data.modules.map((module) => [
      module.id,
      { ...module, command: resolveCommand(module.command, baseDir) },
    ]),
  );
}

/** Reads and parses a `modules.json` file. */
export function loadModuleRegistry(file: string): ModuleRegistry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ModuleRegistryError(file, [`(root): cannot be read: ${(error as Error).message}`]);
  }
  return parseModuleRegistry(text, file);
}
