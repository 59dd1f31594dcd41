import { z } from 'zod';
import type { LogLine } from '../capture/log-line.js';

/** A log line as the API returns it. */
export const ApiLogLineSchema = z.object({
  seq: z.number().int().positive(),
  timestamp: z.iso.datetime(),
  stream: z.enum(['stdout', 'stderr']),
  level: z.enum(['error', 'warning', 'info', 'debug']),
  text: z.string(),
  truncated: z.boolean(),
});
/** A log line as the API returns it. */
export type ApiLogLine = z.infer<typeof ApiLogLineSchema>;

/** Converts a captured line to its API form. */
export function toApiLogLine(line: LogLine): ApiLogLine {
  return {
    seq: line.seq,
    timestamp: new Date(line.time).toISOString(),
    stream: line.stream,
    level: line.level,
    text: line.text,
    truncated: line.truncated,
  };
}
