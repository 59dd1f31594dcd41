import { z } from 'zod';

/** Module and run ids: lower-case, digits and dashes, 1–64 characters. */
export const MODULE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Env variable names a registry entry may pass through. */
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parameter names as they may appear in a run request. */
export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const parameterBase = {
  name: z
    .string()
    .regex(PARAMETER_NAME_PATTERN, 'parameter name must match ^[A-Za-z_][A-Za-z0-9_-]*$'),
  description: z.string().optional(),
  required: z.boolean().default(false),
  label: z.string().optional(),
};

const validRegex = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'pattern is not a valid regular expression' },
);

/** One parameter a module accepts, discriminated by `type`. */
export const ModuleParameterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...parameterBase,
    type: z.literal('text'),
    default: z.string().optional(),
    validation: z.strictObject({ pattern: validRegex.optional() }).optional(),
  }),
  z.strictObject({
    ...parameterBase,
    type: z.literal('number'),
    default: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Whole numbers only. */
    integer: z.boolean().optional(),
  }),
  z.strictObject({
    ...parameterBase,
    type: z.literal('select'),
    options: z.array(z.string()).min(1),
    default: z.string().optional(),
  }),
  z.strictObject({
    ...parameterBase,
    type: z.literal('checkbox'),
    default: z.boolean().optional(),
  }),
  z.strictObject({ ...parameterBase, type: z.literal('password') }),
  z.strictObject({
    ...parameterBase,
    type: z.literal('path'),
    /**
     * `read`: a file under an input root (`--allow-read`); `write`: a file under the run's
     * `output/` folder. The module gets the resolved absolute path.
     */
    access: z.enum(['read', 'write']),
    default: z.string().optional(),
  }),
]);
/** One parameter a module accepts. */
export type ModuleParameter = z.infer<typeof ModuleParameterSchema>;

/** One module of the registry, as written in `modules.json`. */
export const ModuleDefinitionSchema = z
  .strictObject({
    id: z.string().regex(MODULE_ID_PATTERN, 'module id must match ^[a-z0-9][a-z0-9-]{0,63}$'),
    name: z.string().min(1),
    description: z.string().default(''),
    category: z.string().default('General'),
    version: z.string().default('0.0.0'),
    command: z.array(z.string().min(1)).min(1, 'command needs at least the program to run'),
    parameters: z.array(ModuleParameterSchema).max(100).default([]),
    tags: z.array(z.string()).default([]),
    status: z.string().default('active'),
    enabled: z.boolean().default(true),
    /**
     * Whether a run may start again from the beginning when the queue worker running it is lost
     * (`--queue` only). Off by default: such a run ends `failed`.
     */
    retrySafe: z.boolean().optional(),
    /**
     * Names of server env variables the module gets besides the base set (PATH, HOME, USER,
     * LANG, LC_*, TZ, TMPDIR, TERM); the API token is never passed.
     */
    env: z
      .array(z.string().regex(ENV_NAME_PATTERN, 'env names must match ^[A-Za-z_][A-Za-z0-9_]*$'))
      .max(100)
      .optional(),
  })
  .superRefine((module, ctx) => {
    const seen = new Set<string>();
    module.parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parameters', index, 'name'],
          message: `duplicate parameter ${parameter.name}`,
        });
      }
      seen.add(parameter.name);
    });
  });
/** One module of the registry. */
export type ModuleDefinition = z.infer<typeof ModuleDefinitionSchema>;

/** The whole `modules.json` file. */
export const ModuleRegistryFileSchema = z
  .strictObject({ modules: z.array(ModuleDefinitionSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.modules.forEach((module, index) => {
      if (seen.has(module.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['modules', index, 'id'],
          message: `duplicate module id ${module.id}`,
        });
      }
      seen.add(module.id);
    });
  });
/** The whole `modules.json` file. */
export type ModuleRegistryFile = z.infer<typeof ModuleRegistryFileSchema>;
