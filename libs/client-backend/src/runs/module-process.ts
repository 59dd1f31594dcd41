import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openLogFile } from '../capture/log-file.js';
import { OutputCapture } from '../capture/output-capture.js';
import { processStartTime } from '../store/process-identity.js';
import { moduleEnvironment } from './module-environment.js';
import { signalProcessGroup, type ProcessLauncher } from './process-group.js';
import { runFolder, runLogFile, runOutputFolder } from './run-folder.js';
import type {
  RunExecution,
  RunExecutionEvents,
  RunExecutor,
  RunToExecute,
} from './run-executor.js';

/** What starting a run's module needs from its server. */
export interface ModuleProcessSettings {
  runsDir: string;
  launch: ProcessLauncher;
  bufferLines: number;
  serverEnv: NodeJS.ProcessEnv;
  secrets: readonly string[] | undefined;
}

/** Runs execute as child processes of this server, each in its own process group. */
export function moduleProcessExecutor(settings: ModuleProcessSettings): RunExecutor {
  return { start: (run, events) => startModuleProcess(run, settings, events) };
}

/**
 * Starts a run's module: makes its working and output folders (and the folders of its write
 * paths), opens its log, launches the command in the working folder with the module
 * environment, reports the process group (`started`) before anything else, and feeds both
 * streams to the run's capture, whose `::progress` lines are reported as `progress`. `ended`
 * is reported once, when the process has closed or could not be created. Throws, with a
 * message fit for the run record, when a folder, the log or the launcher fails synchronously.
 */
function startModuleProcess(
  run: RunToExecute,
  settings: ModuleProcessSettings,
  events: RunExecutionEvents,
): RunExecution {
  const { runId, launch } = run;
  let capture: OutputCapture | undefined;
  let child: ChildProcess;
  try {
    const outputDir = runOutputFolder(settings.runsDir, runId);
    mkdirSync(outputDir, { recursive: true, mode: 0o700 });
    for (const file of launch.writePaths)
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const logFile = runLogFile(settings.runsDir, runId);
    capture = new OutputCapture({
      writer: openLogFile(logFile),
      filePath: logFile,
      bufferLines: settings.bufferLines,
      onProgress: (progress) => events.progress(progress),
    });
    child = settings.launch(launch.argv, {
      cwd: runFolder(settings.runsDir, runId),
      env: moduleEnvironment(
        settings.serverEnv,
        run.module,
        { runId, outputDir },
        settings.secrets,
      ),
    });
    // The group is on record before anything else can happen, so a server that dies from
    // here on leaves a trace the next one can use to end it.
    if (child.pid !== undefined)
      events.started({ pgid: child.pid, processStart: processStartTime(child.pid) ?? null });
  } catch (error) {
    capture?.end();
    throw new Error(startFailure(launch.argv, error), { cause: error });
  }
  const lines = capture;
  child.stdout?.on('data', (chunk: Buffer) => lines.write('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => lines.write('stderr', chunk));
  child.once('error', (error) => {
    if (child.pid === undefined)
      events.ended({
        status: 'failed',
        exitCode: null,
        errorMessage: startFailure(launch.argv, error),
      });
  });
  child.once('close', (code, signal) => {
    if (signal !== null)
      events.ended({
        status: 'failed',
        exitCode: null,
        errorMessage: `terminated by signal ${signal}`,
      });
    else if (code === 0) events.ended({ status: 'completed', exitCode: 0, errorMessage: null });
    else
      events.ended({
        status: 'failed',
        exitCode: code,
        errorMessage: `exited with code ${code ?? 'unknown'}`,
      });
  });
  return {
    capture: lines,
    stop() {
      if (child.pid === undefined) return false;
      signalProcessGroup(child.pid, 'SIGTERM');
      return true;
    },
    kill() {
      if (child.pid !== undefined) signalProcessGroup(child.pid, 'SIGKILL');
    },
  };
}

/**
 * Why a module could not start. Node's spawn errors may quote the whole argv, parameter values
 * (passwords) included, so only the program and the error code are kept.
 */
function startFailure(argv: readonly string[], error: unknown): string {
  const program = argv[0] ?? '(empty command)';
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot start ${program}: ${code === undefined ? 'the process could not be created' : `spawn ${program} ${code}`}`;
}
