import { openSse } from '../sse-client.js';

/** What a run's log, read back over SSE, holds of the demo module's numbered lines. */
export interface DemoLogCheck {
  /** `log` events received. */
  events: number;
  /** Whether the SSE ids ran 1, 2, 3, … without a gap or repeat (after `after`). */
  idsConsecutive: boolean;
  /** The `#n` of every stdout line, in the order received. */
  numbers: number[];
  firstId: number | undefined;
}

/** Reads a run's SSE stream to its `complete` event, from after `lastEventId` when given. */
export async function readDemoLog(
  baseUrl: string,
  runId: string,
  lastEventId?: number,
): Promise<DemoLogCheck> {
  const connection = await openSse(
    `${baseUrl}/api/runs/${runId}/logs/stream`,
    lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) },
  );
  await connection.ended;
  const logs = connection.events.filter((event) => event.event === 'log');
  let expected = (lastEventId ?? 0) + 1;
  let idsConsecutive = true;
  const numbers: number[] = [];
  for (const event of logs) {
    if (Number(event.id) !== expected) idsConsecutive = false;
    expected = Number(event.id) + 1;
    const line = JSON.parse(event.data) as { stream: string; text: string };
    const match = /#(\d+)$/.exec(line.text);
    if (line.stream === 'stdout' && match) numbers.push(Number(match[1]));
  }
  return {
    events: logs.length,
    idsConsecutive,
    numbers,
    firstId: logs[0] === undefined ? undefined : Number(logs[0].id),
  };
}

/** Whether `numbers` is exactly 1, 2, …, `count`. */
export function isOneToN(numbers: readonly number[], count: number): boolean {
  return numbers.length === count && numbers.every((n, index) => n === index + 1);
}
