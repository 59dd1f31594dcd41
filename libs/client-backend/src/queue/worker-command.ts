import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultModuleRegistry } from '../registry/default-registry.js';
import { loadModuleRegistry } from '../registry/module-registry.js';
import { packageRoot } from '../package-root.js';
import { lockDataDir } from '../store/data-dir-lock.js';
import { DEFAULT_BUFFER_LINES } from '../capture/output-capture.js';
import { PACKAGE_VERSION } from '../version.js';
import { moduleGuardScript, startQueueWorker } from './queue-worker.js';
import { parseQueueUrl } from './queue-url.js';
import type { WorkerOptions } from './worker-options.js';

const LEVELS = { error: 50, warn: 40, info: 30, debug: 20 } as const;

/**
 * `prismq-backend worker`: takes the worker's data folder (one worker per folder), loads its
 * registry, takes runs until SIGINT or SIGTERM, then lets running runs end for up to one lock
 * duration and stops. Logs are JSON lines on stdout, like the server's. Resolves with the exit
 * code; throws when it cannot start.
 */
export async function runWorkerCommand(options: WorkerOptions): Promise<number> {
  const threshold = options.logLevel === 'silent' ? Infinity : LEVELS[options.logLevel];
  const log = (level: keyof typeof LEVELS, msg: string, details: object = {}): void => {
    if (LEVELS[level] < threshold) return;
    process.stdout.write(
      `${JSON.stringify({ level: LEVELS[level], time: Date.now(), pid: process.pid, ...details, msg })}\n`,
    );
  };
  const url = parseQueueUrl(options.queue);
  const registry =
    options.modulesFile !== undefined
      ? loadModuleRegistry(options.modulesFile)
      : defaultModuleRegistry();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dataDir);
  const runsDir = path.join(dataDir, 'runs');
  mkdirSync(runsDir, { recursive: true, mode: 0o700 });
  let worker;
  try {
    worker = await startQueueWorker({
      url,
      concurrency: options.concurrency,
      registry,
      runsDir,
      lockDurationMs: options.lockDurationMs,
      bufferLines: DEFAULT_BUFFER_LINES,
      guardScript: moduleGuardScript(packageRoot()),
      env: process.env,
      log,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  log('info', 'prismq-backend worker ready', {
    worker: worker.name,
    queue: url.display,
    concurrency: options.concurrency,
    lockDurationMs: options.lockDurationMs,
    version: PACKAGE_VERSION,
  });
  const ready = worker;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log('info', 'stopping worker', { signal });
      void ready.close(options.lockDurationMs).finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  lock.release();
  return 0;
}
