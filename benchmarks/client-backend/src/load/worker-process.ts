import { spawn } from 'node:child_process';
import { cliPath } from './server-process.js';

/** A `prismq-backend worker` process, as users run one per machine. */
export interface WorkerProcess {
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
}

/** Starts a worker and resolves once it reports that it takes runs. */
export async function startWorkerProcess(options: {
  queueUrl: string;
  modulesFile: string;
  dataDir: string;
  concurrency: number;
}): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [
      cliPath(),
      'worker',
      '--queue',
      options.queueUrl,
      '--modules',
      options.modulesFile,
      '--data-dir',
      options.dataDir,
      '--concurrency',
      String(options.concurrency),
      '--log-level',
      'info',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`prismq-backend worker did not report ready within 20 s:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('prismq-backend worker ready')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
  child.stdout.resume();
  return {
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
