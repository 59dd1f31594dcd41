import type { z } from 'zod';
import type {
  LogsResponseSchema,
  ModuleConfigResponseSchema,
  ModuleListResponseSchema,
  ResultsResponseSchema,
  RunListResponseSchema,
  SystemStatsResponseSchema,
  errorResponses,
} from '../src/http/api-schemas.js';

// Bodies of the HTTP API's answers, typed from the schemas its routes declare, so a test reads
// a field the API does not send as a type error (`response.json<RunListBody>()`).

/** `GET /api/modules`. */
export type ModuleListBody = z.infer<typeof ModuleListResponseSchema>;
/** `GET` and `PUT /api/modules/:id/config`. */
export type ModuleConfigBody = z.infer<typeof ModuleConfigResponseSchema>;
/** `GET /api/runs`. */
export type RunListBody = z.infer<typeof RunListResponseSchema>;
/** `GET /api/runs/:runId/logs`. */
export type LogsBody = z.infer<typeof LogsResponseSchema>;
/** `GET /api/runs/:runId/results`. */
export type ResultsBody = z.infer<typeof ResultsResponseSchema>;
/** `GET /api/system/stats`. */
export type SystemStatsBody = z.infer<typeof SystemStatsResponseSchema>;
/** The one error shape of every route. */
export type ErrorBody = z.infer<(typeof errorResponses)[400]>;
