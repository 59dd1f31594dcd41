import type { FastifySerializerCompiler } from 'fastify/types/schema.js';

const cache = new WeakMap<object, string>();

/**
 * Serializer for routes that return registry modules. The registry was validated by zod
 * when it was loaded and its module objects never change, so checking them again on every
 * request would only cost time on the busiest read path; their JSON is made once and reused.
 * Other bodies (lists, errors) are plain `JSON.stringify`, without caching.
 */
export const registrySerializerCompiler: FastifySerializerCompiler<unknown> =
  () => (data: unknown) => {
    if (typeof data !== 'object' || data === null) return JSON.stringify(data);
    const cached = cache.get(data);
    if (cached !== undefined) return cached;
    return JSON.stringify(data);
  };

/** Marks registry modules as safe to serialize from cache; call once per loaded registry. */
export function cacheModuleJson(modules: Iterable<object>): void {
  for (const module of modules) cache.set(module, JSON.stringify(module));
}
