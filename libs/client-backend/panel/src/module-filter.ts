import type { ModuleDefinition } from './api-types.js';

/**
 * Modules matching every word of the query in their id, name, description, category or tags,
 * ignoring case.
 */
export function filterModules(
  modules: readonly ModuleDefinition[],
  query: string,
): ModuleDefinition[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...modules];
  return modules.filter((module) => {
    const haystack = [module.id, module.name, module.description, module.category, ...module.tags]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
