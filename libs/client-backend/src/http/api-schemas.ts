import { z } from 'zod';
import { controlCharacterIndex } from '../runs/control-characters.js';
import { ApiLogLineSchema } from './api-log-line.js';
import {
  MODULE_ID_PATTERN,
  ModuleDefinitionSchema,
  PARAMETER_NAME_PATTERN,
} from '../registry/module-schema.js';
import { MAX_PARAMETERS, MAX_TEXT_LENGTH } from '../runs/parameter-validation.js';
import { RUN_STATUSES, RunRecordSchema } from '../store/run-record.js';

/** The one error shape of every route. */
const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(z.object({ field: z.string(), rule: z.string(), message: z.string() }))
      .optional(),
  }),
});

/** Responses every route may give besides its success. */
export const errorResponses = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
  413: ErrorResponseSchema,
  414: ErrorResponseSchema,
  415: ErrorResponseSchema,
  429: ErrorResponseSchema,
  500: ErrorResponseSchema,
  503: ErrorResponseSchema,
} as const;

const parameterValue = z.union([
  z.string().max(MAX_TEXT_LENGTH),
  z.number().min(-Number.MAX_VALUE).max(Number.MAX_VALUE),
  z.boolean(),
]);
/** Sequence numbers and offsets: never beyond what a double counts exactly. */
const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Parameter values in a request body: names checked here, values per module later. */
const ParametersInputSchema = z
  .record(
    z
      .string()
      .max(128)
      .regex(PARAMETER_NAME_PATTERN, `parameter names must match ${PARAMETER_NAME_PATTERN.source}`),
    parameterValue,
  )
  .refine((value) => Object.keys(value).length <= MAX_PARAMETERS, {
    message: `at most ${MAX_PARAMETERS} parameters`,
  });

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
});

export const ModuleListResponseSchema = z.object({
  modules: z.array(ModuleDefinitionSchema),
  total: z.number().int(),
});

export const ModuleIdParamsSchema = z.object({
  id: z.string().regex(MODULE_ID_PATTERN, `module id must match ${MODULE_ID_PATTERN.source}`),
});

export const RunIdParamsSchema = z.object({ runId: z.uuid({ message: 'runId must be a uuid' }) });

export const ModuleListQuerySchema = z.strictObject({
  category: z.string().max(256).optional(),
  tag: z.string().max(256).optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const ModuleConfigResponseSchema = z.object({
  moduleId: z.string(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  updatedAt: z.iso.datetime().nullable(),
});

export const ConfigBodySchema = z.strictObject({ parameters: ParametersInputSchema });

export const RunCreateBodySchema = z.strictObject({
  parameters: ParametersInputSchema.default({}),
  saveConfig: z.boolean().default(true),
});

export const RunListQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  moduleId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const RunListResponseSchema = z.object({
  runs: z.array(RunRecordSchema),
  total: z.number().int(),
});

export const LogsQuerySchema = z.strictObject({
  tail: z.coerce.number().int().min(1).max(10_000).default(500),
  afterSeq: count.optional(),
});

export const LogsResponseSchema = z.object({
  runId: z.uuid(),
  lines: z.array(ApiLogLineSchema),
  totalLines: z.number().int(),
  truncated: z.boolean(),
});

export const StreamQuerySchema = z.strictObject({
  lastEventId: count.optional(),
});

/** `Last-Event-ID` of a resuming SSE client. */
export const StreamHeadersSchema = z.object({ 'last-event-id': count.optional() }).passthrough();

/** Path of one result file, relative to the run's output folder. */
export const ResultFileParamsSchema = z.object({
  runId: z.uuid({ message: 'runId must be a uuid' }),
  '*': z
    .string()
    .min(1)
    .max(1024)
    .refine(
      (name) => controlCharacterIndex(name, false) === -1,
      'result file names hold no control characters',
    ),
});

export const ResultsResponseSchema = z.object({
  runId: z.uuid(),
  status: z.enum(RUN_STATUSES),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  progress: RunRecordSchema.shape.progress,
  files: z.array(
    z.object({ name: z.string(), size: z.number().int(), modified: z.iso.datetime().nullable() }),
  ),
});

export const SystemStatsResponseSchema = z.object({
  uptimeSeconds: z.number(),
  machine: z.object({
    cpus: z.number().int(),
    loadAverage: z.array(z.number()),
    totalMemoryBytes: z.number(),
    freeMemoryBytes: z.number(),
  }),
  server: z.object({
    pid: z.number().int(),
    rssBytes: z.number(),
    heapUsedBytes: z.number(),
    cpuUserMs: z.number(),
    cpuSystemMs: z.number(),
  }),
  runs: z.object({ active: z.number().int(), queued: z.number().int(), total: z.number().int() }),
});

/** Ten years, in hours: cleaning up anything older is the same as cleaning up nothing. */
const MAX_CLEANUP_HOURS = 87_600;
export const CleanupBodySchema = z.strictObject({
  olderThanHours: z.number().min(0).max(MAX_CLEANUP_HOURS),
});
export const CleanupResponseSchema = z.object({ deleted: z.number().int() });
