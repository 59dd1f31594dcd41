/**
 * Fastify control panel that runs PrismQ modules as child processes, streams their logs and
 * keeps their history.
 *
 * @remarks
 * Most users start the server with `createServer` (or the `prismq-backend` command). Registry
 * authors use the module schema and `loadModuleRegistry`; module authors read `parseProgress`
 * for the progress line format. `RunManager`, `RunStore`, `OutputCapture` and `openLogFile`
 * embed the run machinery without the HTTP server.
 *
 * @packageDocumentation
 */

// The server.
export { createServer, type PrismqServer, type CreateServerExtras } from './http/server.js';
export {
  ServerOptionsSchema,
  type ServerOptions,
  type ServerOptionsInput,
} from './http/server-options.js';
export type { ProcessLauncher } from './runs/process-group.js';
export { ApiError, ServerOptionsError, type ApiErrorCode } from './http/errors.js';
export type { ErrorDetail } from './runs/error-detail.js';
export { DataDirLockedError } from './store/data-dir-locked-error.js';
export { PACKAGE_VERSION } from './version.js';

// Module registries: the file format and its loading.
export {
  ModuleDefinitionSchema,
  ModuleParameterSchema,
  ModuleRegistryFileSchema,
  MODULE_ID_PATTERN,
  PARAMETER_NAME_PATTERN,
  type ModuleDefinition,
  type ModuleParameter,
  type ModuleRegistryFile,
} from './registry/module-schema.js';
export {
  loadModuleRegistry,
  parseModuleRegistry,
  type ModuleRegistry,
} from './registry/module-registry.js';
export { ModuleRegistryError } from './registry/module-registry-error.js';
export { defaultModuleRegistry } from './registry/default-registry.js';

// Runs as the API reports them, and what a module prints to report progress.
export {
  RunRecordSchema,
  RUN_STATUSES,
  type RunRecord,
  type RunStatus,
} from './store/run-record.js';
export {
  parseProgress,
  type LogLevel,
  type LogLine,
  type LogStream,
  type Progress,
} from './capture/log-line.js';

// The run machinery, for embedding it without the HTTP server.
export {
  RunManager,
  type RunManagerOptions,
  type ShutdownMode,
  type RunListener,
} from './runs/run-manager.js';
export {
  RunError,
  ModuleNotFoundError,
  ModuleDisabledError,
  InvalidParametersError,
  RunNotFoundError,
  RunFinishedError,
  ResultFileNotFoundError,
  RunQueueFullError,
  ServerShuttingDownError,
  type RunErrorCode,
} from './runs/run-errors.js';
export {
  RunStore,
  type RunQuery,
  type SavedConfig,
  type RecordedProcessGroup,
} from './store/run-store.js';
export {
  OutputCapture,
  type OutputCaptureOptions,
  type SplitLine,
} from './capture/output-capture.js';
export type {
  RunExecutor,
  RunExecution,
  RunExecutionEvents,
  RunExecutionEnd,
  RunToExecute,
  StartedProcessGroup,
} from './runs/run-executor.js';
export type { ValidatedLaunch } from './runs/launch-validation.js';

// Runs on queue workers (`--queue`, `prismq-backend worker`): why the queue refused or ended something.
export {
  QueueError,
  QueueUrlError,
  QueueProtocolMismatchError,
  type QueueErrorCode,
} from './queue/queue-errors.js';
export { openLogFile, type LogFileWriter } from './capture/log-file.js';
export {
  checkParameters,
  mergeWithDefaults,
  withoutPasswords,
  type ParameterCheck,
} from './runs/parameter-validation.js';
export type { ParameterValue, ParameterValues } from './store/run-record.js';
