import { z } from 'zod';

/** States a run moves through. */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
/** State of a run. */
export type RunStatus = (typeof RUN_STATUSES)[number];
/** States a run never leaves. */
export const FINISHED_STATUSES: ReadonlySet<RunStatus> = new Set([
  'completed',
  'failed',
  'cancelled',
]);

/** A parameter value as it travels in JSON. */
export type ParameterValue = string | number | boolean;
/** Parameter values by name. */
export type ParameterValues = Record<string, ParameterValue>;

/** A run as the API returns it and the database stores it. */
export const RunRecordSchema = z.object({
  runId: z.uuid(),
  moduleId: z.string(),
  moduleName: z.string(),
  status: z.enum(RUN_STATUSES),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  durationMs: z.number().min(0).nullable(),
  exitCode: z.number().int().nullable(),
  errorMessage: z.string().nullable(),
  progress: z.object({
    processed: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
    percent: z.number().min(0).max(100).nullable(),
  }),
  /** Parameters the run got, password values replaced by `***`. */
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
/** A run as the API returns it and the database stores it. */
export type RunRecord = z.infer<typeof RunRecordSchema>;
