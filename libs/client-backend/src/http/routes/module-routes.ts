import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConfigBodySchema,
  ModuleConfigResponseSchema,
  ModuleIdParamsSchema,
  ModuleListQuerySchema,
  ModuleListResponseSchema,
  RunCreateBodySchema,
  errorResponses,
} from '../api-schemas.js';
import { ApiError } from '../errors.js';
import { cacheModuleJson, registrySerializerCompiler } from '../registry-serializer.js';
import { ModuleDefinitionSchema } from '../../registry/module-schema.js';
import {
  checkParameters,
  mergeWithDefaults,
  withoutPasswords,
} from '../../runs/parameter-validation.js';
import { RunRecordSchema } from '../../store/run-record.js';
import type { ServerContext } from '../server-context.js';

/** Module listing, module config and run launch routes. */
export const moduleRoutes: FastifyPluginAsyncZod<{ context: ServerContext }> = async (
  app,
  { context },
) => {
  const { manager, store, registry } = context;
  cacheModuleJson(registry.values());

  app.get(
    '/api/modules',
    {
      serializerCompiler: registrySerializerCompiler,
      schema: {
        tags: ['modules'],
        querystring: ModuleListQuerySchema,
        response: { 200: ModuleListResponseSchema, ...errorResponses },
      },
    },
    (request) => {
      const { category, tag, enabled } = request.query;
      const modules = [...registry.values()].filter(
        (module) =>
          (category === undefined || module.category === category) &&
          (tag === undefined || module.tags.includes(tag)) &&
          (enabled === undefined || module.enabled === enabled),
      );
      return { modules, total: modules.length };
    },
  );

  app.get(
    '/api/modules/:id',
    {
      serializerCompiler: registrySerializerCompiler,
      schema: {
        tags: ['modules'],
        params: ModuleIdParamsSchema,
        response: { 200: ModuleDefinitionSchema, ...errorResponses },
      },
    },
    (request) => manager.getModule(request.params.id),
  );

  app.get(
    '/api/modules/:id/config',
    {
      schema: {
        tags: ['modules'],
        params: ModuleIdParamsSchema,
        response: { 200: ModuleConfigResponseSchema, ...errorResponses },
      },
    },
    (request) => {
      const module = manager.getModule(request.params.id);
      const saved = store.getConfig(module.id);
      return {
        moduleId: module.id,
        parameters: mergeWithDefaults(module, saved?.parameters ?? {}),
        updatedAt: saved?.updatedAt ?? null,
      };
    },
  );

  app.put(
    '/api/modules/:id/config',
    {
      schema: {
        tags: ['modules'],
        params: ModuleIdParamsSchema,
        body: ConfigBodySchema,
        response: { 200: ModuleConfigResponseSchema, ...errorResponses },
      },
    },
    (request) => {
      const module = manager.getModule(request.params.id);
      const check = checkParameters(module, request.body.parameters);
      const details = check.ok ? manager.checkConfigPaths(module, check.values) : check.details;
      if (!check.ok || details.length > 0)
        throw new ApiError('INVALID_INPUT', `invalid parameters for module ${module.id}`, details);
      const updatedAt = new Date().toISOString();
      const parameters = withoutPasswords(module, check.values);
      store.saveConfig(module.id, parameters, updatedAt);
      return { moduleId: module.id, parameters: mergeWithDefaults(module, parameters), updatedAt };
    },
  );

  app.delete(
    '/api/modules/:id/config',
    {
      schema: {
        tags: ['modules'],
        params: ModuleIdParamsSchema,
        response: {
          200: z.object({ moduleId: z.string(), deleted: z.boolean() }),
          ...errorResponses,
        },
      },
    },
    (request) => {
      const module = manager.getModule(request.params.id);
      return { moduleId: module.id, deleted: store.deleteConfig(module.id) };
    },
  );

  app.post(
    '/api/modules/:id/runs',
    {
      schema: {
        tags: ['runs'],
        params: ModuleIdParamsSchema,
        body: RunCreateBodySchema,
        response: { 202: RunRecordSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const run = manager.createRun(
        request.params.id,
        request.body.parameters,
        request.body.saveConfig,
      );
      reply.code(202);
      return run;
    },
  );
};
