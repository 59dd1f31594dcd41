// Running commands for the release test: every command's output is kept so that a failure shows
// what the command said, and the consumer's commands see the environment a new user has.
import { execFileSync, spawnSync } from 'node:child_process';

export function log(message) {
  console.log(`[release-test] ${message}`);
}

/** Runs a command to completion; a non-zero exit throws with the command, folder and output. */
export function run(command, args, cwd, env = process.env) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed with ${error.status ?? error.signal}:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
  }
}

/** Runs a command and returns its exit status, stdout and stderr apart, whatever the status. */
export function capture(command, args, cwd, env = process.env, options = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (result.error)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) could not run: ${result.error.message}`,
    );
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
}

/** Runs a command that must fail and mention every phrase; returns what it printed. */
export function expectFailure(command, args, cwd, mustMention) {
  const { status, stdout, stderr } = capture(command, args, cwd);
  if (status === 0)
    throw new Error(`expected "${command} ${args.join(' ')}" to fail, it succeeded`);
  const text = `${stdout}${stderr}`;
  for (const phrase of mustMention) {
    if (!text.includes(phrase))
      throw new Error(
        `expected the failure of "${args.join(' ')}" to mention "${phrase}", got:\n${text}`,
      );
  }
  return text;
}

/**
 * The environment of a user's shell: this run's own PrismQ switches (bench output folder, quick
 * mode, profiling mode) and npm's script variables are left out, so the consumer meets defaults.
 */
export function userEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PRISMQ_|npm_)/i.test(name)),
  );
  return { ...env, ...extra };
}
