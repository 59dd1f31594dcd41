// The page speaks the server's own types: one source of truth, erased at build time.
import type { z } from 'zod';
import type { ResultsResponseSchema } from '../../src/http/api-schemas.js';

export type { ApiLogLine } from '../../src/http/api-log-line.js';
export type { ErrorDetail } from '../../src/runs/error-detail.js';
export type { ModuleDefinition, ModuleParameter } from '../../src/registry/module-schema.js';
export type { RunRecord, RunStatus } from '../../src/store/run-record.js';

/** `GET /api/runs/:runId/results`. */
export type RunResults = z.infer<typeof ResultsResponseSchema>;
/** One file a run left in its output folder. */
export type ResultFile = RunResults['files'][number];
