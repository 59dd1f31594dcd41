// Named, timed steps. A failing step names itself; a step marked `independent` lets the steps
// after it still run, so that one run of the release test reports every check that fails.

export function createSteps(log) {
  const timings = [];
  const failures = [];
  let current = 'setup';

  async function step(name, body, { independent = false } = {}) {
    current = name;
    const started = performance.now();
    let outcome = 'ok';
    try {
      await body();
    } catch (error) {
      outcome = 'FAILED';
      if (!independent) throw error;
      failures.push({ name, message: error.message });
      console.error(`[release-test] FAILED at step "${name}": ${error.message}`);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      timings.push({ name, seconds, outcome });
      log(`${outcome === 'ok' ? 'ok' : 'FAILED'} ${name} (${seconds.toFixed(1)} s)`);
    }
  }

  function summary() {
    const width = Math.max(...timings.map((timing) => timing.name.length));
    const total = timings.reduce((sum, timing) => sum + timing.seconds, 0);
    return [
      ...timings.map(
        (timing) =>
          `  ${timing.name.padEnd(width)}  ${timing.seconds.toFixed(1).padStart(6)} s  ${timing.outcome}`,
      ),
      `  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(6)} s`,
    ].join('\n');
  }

  return {
    step,
    summary,
    failures,
    get current() {
      return current;
    },
  };
}
