import { ProfilingError } from './profiling-error.js';

/** What the decorators do: nothing, time, CPU-profile, memory-profile, or all three. */
export type ProfilingMode = 'off' | 'time' | 'cpu' | 'memory' | 'all';

/** Every accepted {@link ProfilingMode}. */
export const PROFILING_MODES: readonly ProfilingMode[] = ['off', 'time', 'cpu', 'memory', 'all'];

/** Bit of {@link modeState.flags} that turns on `@timed`. */
export const TIME_FLAG = 1;
/** Bit of {@link modeState.flags} that turns on `@profile`. */
export const CPU_FLAG = 2;
/** Bit of {@link modeState.flags} that turns on `@profileMemory`. */
export const MEMORY_FLAG = 4;

const FLAGS: Record<ProfilingMode, number> = {
  off: 0,
  time: TIME_FLAG,
  cpu: CPU_FLAG,
  memory: MEMORY_FLAG,
  all: TIME_FLAG | CPU_FLAG | MEMORY_FLAG,
};

function isMode(value: string): value is ProfilingMode {
  return (PROFILING_MODES as readonly string[]).includes(value);
}

/**
 * Reads a mode from its text form (`PRISMQ_PROFILE`); unset or empty means `off`.
 * @throws {@link ProfilingError} `PROFILE_INVALID_MODE` naming `source`
 */
export function parseProfilingMode(
  value: string | undefined,
  source = 'PRISMQ_PROFILE',
): ProfilingMode {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return 'off';
  if (isMode(text)) return text;
  throw new ProfilingError(
    'PROFILE_INVALID_MODE',
    source,
    `${source}=${JSON.stringify(value)} is not a profiling mode; expected one of ${PROFILING_MODES.join(', ')}`,
  );
}

function initialState(): { mode: ProfilingMode; flags: number; fromEnvironment: boolean } {
  const value = process.env['PRISMQ_PROFILE'];
  try {
    const mode = parseProfilingMode(value);
    return { mode, flags: FLAGS[mode], fromEnvironment: mode !== 'off' };
  } catch (error) {
    // A typo in an environment variable must not take the application down: say so once on
    // stderr and run with profiling off.
    process.emitWarning(`${(error as ProfilingError).message}; profiling stays off`, {
      type: 'PrismqProfilingWarning',
      code: 'PROFILE_INVALID_MODE',
    });
    return { mode: 'off', flags: 0, fromEnvironment: false };
  }
}

type ModeState = ReturnType<typeof initialState>;
const STATE_KEY = Symbol.for('@prismq/profiling/mode');

/**
 * The switch the decorators read on every call: one object with a number, so the "off" path
 * costs a property load and a bit test. It is shared through globalThis so that the ESM and
 * CommonJS builds, if both get loaded, obey one `setProfilingMode` (and warn about a bad
 * `PRISMQ_PROFILE` once).
 */
export const modeState: ModeState = ((
  globalThis as unknown as Record<symbol, ModeState | undefined>
)[STATE_KEY] ??= initialState());

/** The current mode: `PRISMQ_PROFILE` (an unknown value counts as `off`), or the last `setProfilingMode`. */
export function getProfilingMode(): ProfilingMode {
  return modeState.mode;
}

/**
 * Switches the decorators and `profiled()` wrappers at run time (overrides `PRISMQ_PROFILE`).
 * @throws {@link ProfilingError} `PROFILE_INVALID_MODE` for an unknown mode
 */
export function setProfilingMode(mode: ProfilingMode): void {
  if (typeof mode !== 'string' || !isMode(mode)) {
    throw new ProfilingError(
      'PROFILE_INVALID_MODE',
      'mode',
      `setProfilingMode(${JSON.stringify(mode)}): not a profiling mode; expected one of ${PROFILING_MODES.join(', ')}`,
    );
  }
  modeState.mode = mode;
  modeState.flags = FLAGS[mode];
}
