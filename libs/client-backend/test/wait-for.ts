/** How long {@link waitFor} polls, and what it calls the condition when time runs out. */
export interface WaitForOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Time between two checks (default 20 ms). */
  intervalMs?: number;
  /** The condition in words, for the error when it never held. */
  what?: string;
}

/**
 * Checks `probe` until it returns a value other than `undefined`, `null` or `false`, and
 * resolves with that value; rejects once `timeoutMs` have passed without it. For state that
 * announces no event (a file on disk, a process that is gone, another server's answer).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, intervalMs = 20, what = 'the condition' }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
