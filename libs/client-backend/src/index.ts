export { createServer, type PrismqServer, type CreateServerExtras } from './server.js';
export {
  ServerOptionsSchema,
  parseServerOptions,
  serverOptionsFromEnv,
  SERVER_ENV_NAMES,
  type ServerOptions,
  type ServerOptionsInput,
} from './server-options.js';
export {
  ApiError,
  DataDirLockedError,
  ModuleRegistryError,
  ServerOptionsError,
  type ApiErrorCode,
  type ErrorDetail,
} from './errors.js';
export {
  ModuleDefinitionSchema,
  ModuleParameterSchema,
  ModuleRegistryFileSchema,
  MODULE_ID_PATTERN,
  PARAMETER_NAME_PATTERN,
  type ModuleDefinition,
  type ModuleParameter,
  type ModuleRegistryFile,
} from './module-schema.js';
export {
  loadModuleRegistry,
  parseModuleRegistry,
  resolveCommand,
  type ModuleRegistry,
} from './module-registry.js';
export { defaultModuleRegistry } from './default-registry.js';
export {
  checkParameters,
  checkRequired,
  mergeWithDefaults,
  parametersToArgv,
  redactParameters,
  withoutPasswords,
  MAX_PARAMETERS,
  REDACTED,
  type ParameterCheck,
  type ParameterValue,
  type ParameterValues,
} from './parameter-validation.js';
export {
  detectLevel,
  parseProgress,
  type LogLevel,
  type LogLine,
  type LogStream,
  type Progress,
} from './log-line.js';
export { LineSplitter, MAX_LINE_LENGTH, type LineSink } from './line-splitter.js';
export { RingBuffer } from './ring-buffer.js';
export { appendLogRecord, formatLogRecord, parseLogRecord } from './log-file-format.js';
export { ByteBatch } from './byte-batch.js';
export {
  openLogFile,
  readLogLines,
  readLogPage,
  readLogTail,
  type LogFileWriter,
  type LogPage,
} from './log-file.js';
export {
  OutputCapture,
  DEFAULT_BUFFER_LINES,
  type OutputCaptureOptions,
} from './output-capture.js';
export {
  RunRecordSchema,
  RUN_STATUSES,
  FINISHED_STATUSES,
  type RunRecord,
  type RunStatus,
} from './run-record.js';
export { RunStore, type RunQuery, type SavedConfig } from './run-store.js';
export { RunQueue } from './run-queue.js';
export {
  RunManager,
  type RunManagerOptions,
  type ShutdownMode,
  type RunListener,
} from './run-manager.js';
export { launchInProcessGroup, signalProcessGroup, type ProcessLauncher } from './process-group.js';
export { SseWriter, formatSseEvent, type SseEvent } from './sse-writer.js';
export {
  streamRunLog,
  formatLogEvents,
  type LogStreamSource,
  type LogStreamOptions,
} from './log-stream.js';
export { runLogSource } from './run-log-source.js';
export { ApiLogLineSchema, toApiLogLine, type ApiLogLine } from './api-log-line.js';
export { ErrorResponseSchema } from './api-schemas.js';
export { tokenMatches } from './plugins/bearer-auth.js';
export { moduleEnvironment, BASE_MODULE_ENV } from './module-environment.js';
export { LOCK_FILE_NAME } from './data-dir-lock.js';
export { PACKAGE_VERSION } from './version.js';
