function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function settleAfterThrow(settled: (threw: boolean) => void, report: string, name: string): void {
  try {
    settled(true);
  } catch (writeError) {
    process.emitWarning(`${report} ${name} could not be written: ${(writeError as Error).message}`);
  }
}

/**
 * Makes `call` and tells `settled` when it is over — at once when it returns or throws, when
 * its promise settles when it returns one — with whether it threw. The value or error reaches
 * the caller unchanged and a sync function stays sync: a profiled method keeps its contract.
 * The function's own error wins over a failure of `settled` to write the report (`CPU profile
 * <name>`), which becomes a process warning.
 */
export function settle<T>(
  call: () => T,
  settled: (threw: boolean) => void,
  report: string,
  name: string,
): T {
  let value: T;
  try {
    value = call();
  } catch (error) {
    settleAfterThrow(settled, report, name);
    throw error;
  }
  if (!isThenable(value)) {
    settled(false);
    return value;
  }
  return Promise.resolve(value).then(
    (result) => {
      settled(false);
      return result;
    },
    (error: unknown) => {
      settleAfterThrow(settled, report, name);
      throw error;
    },
  ) as T;
}
