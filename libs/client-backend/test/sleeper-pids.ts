import { waitFor } from './wait-for.js';

/**
 * The pids the `sleeper` fixture prints first (itself, then its grandchild), read from the
 * run's log over HTTP once the line is there.
 */
export function sleeperPids(
  baseUrl: string,
  runId: string,
  headers: Record<string, string> = {},
): Promise<number[]> {
  return waitFor(
    async () => {
      const response = await fetch(`${baseUrl}/api/runs/${runId}/logs`, { headers });
      const { lines } = (await response.json()) as { lines: { text: string }[] };
      const first = lines[0]?.text ?? '';
      return first.startsWith('pids ') && first.split(' ').slice(1).map(Number);
    },
    { what: `run ${runId} printing its pids` },
  );
}
