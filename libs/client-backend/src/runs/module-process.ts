import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ActiveRun } from './active-run.js';
import { openLogFile } from '../capture/log-file.js';
import { moduleEnvironment } from './module-environment.js';
import { OutputCapture } from '../capture/output-capture.js';
import type { ProcessLauncher } from './process-group.js';
import { processStartTime } from '../store/process-identity.js';
import { runFolder, runLogFile, runOutputFolder } from './run-folder.js';
import type { RunStore } from '../store/run-store.js';

/** What starting a run's module needs from its server. */
export interface ModuleProcessSettings {
  runsDir: string;
  launch: ProcessLauncher;
  bufferLines: number;
  serverEnv: NodeJS.ProcessEnv;
  secrets: readonly string[] | undefined;
  store: RunStore;
}

/** How a module's process ended, or why it never ran. */
export interface ModuleProcessEnd {
  status: 'completed' | 'failed';
  exitCode: number | null;
  errorMessage: string | null;
}

/**
 * Starts a run's module: makes its working and output folders (and the folders of its write
 * paths), opens its log, launches the command in the working folder with the module
 * environment, records the process group, and feeds both streams to the run's capture, whose
 * `::progress` lines update the record. `onEnd` is called once when the process has closed or
 * could not be created. Throws when a folder, the log or the launcher fails synchronously.
 */
export function startModuleProcess(
  run: ActiveRun,
  settings: ModuleProcessSettings,
  onEnd: (end: ModuleProcessEnd) => void,
): void {
  const { record, launch } = run;
  const outputDir = runOutputFolder(settings.runsDir, record.runId);
  mkdirSync(outputDir, { recursive: true, mode: 0o700 });
  for (const file of launch.writePaths)
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const logFile = runLogFile(settings.runsDir, record.runId);
  const capture = new OutputCapture({
    writer: openLogFile(logFile),
    filePath: logFile,
    bufferLines: settings.bufferLines,
    onProgress: (progress) => {
      record.progress = progress;
    },
  });
  run.capture = capture;
  const child = settings.launch(launch.argv, {
    cwd: runFolder(settings.runsDir, record.runId),
    env: moduleEnvironment(
      settings.serverEnv,
      run.module,
      { runId: record.runId, outputDir },
      settings.secrets,
    ),
  });
  run.child = child;
  // The group is on record before anything else can happen, so a server that dies from
  // here on leaves a trace the next one can use to end it.
  if (child.pid !== undefined)
    settings.store.saveProcessGroup(record.runId, child.pid, processStartTime(child.pid) ?? null);
  child.stdout?.on('data', (chunk: Buffer) => capture.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => capture.write('stderr', chunk));
  child.once('error', (error) => {
    if (child.pid === undefined)
      onEnd({ status: 'failed', exitCode: null, errorMessage: startFailure(launch.argv, error) });
  });
  child.once('close', (code, signal) => {
    if (signal !== null)
      onEnd({ status: 'failed', exitCode: null, errorMessage: `terminated by signal ${signal}` });
    else if (code === 0) onEnd({ status: 'completed', exitCode: 0, errorMessage: null });
    else
      onEnd({
        status: 'failed',
        exitCode: code,
        errorMessage: `exited with code ${code ?? 'unknown'}`,
      });
  });
}

/**
 * Why a module could not start. Node's spawn errors may quote the whole argv, parameter values
 * (passwords) included, so only the program and the error code are kept.
 */
export function startFailure(argv: readonly string[], error: unknown): string {
  const program = argv[0] ?? '(empty command)';
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot start ${program}: ${code === undefined ? 'the process could not be created' : `spawn ${program} ${code}`}`;
}
