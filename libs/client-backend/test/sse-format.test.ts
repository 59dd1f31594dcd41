import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { toApiLogLine } from '../src/http/api-log-line.js';
import type { LogLine } from '../src/capture/log-line.js';
import { formatLogEvents } from '../src/http/log-stream.js';
import { formatSseEvent } from '../src/http/sse-writer.js';

function parse(text: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  parser.feed(text);
  return events;
}

describe('SSE formatting', () => {
  it('formats log lines as events a standard parser reads back, ids = seq', () => {
    const lines: LogLine[] = [
      {
        seq: 7,
        time: 1_700_000_000_000,
        stream: 'stdout',
        level: 'info',
        text: 'a "quoted"\ttab',
        truncated: false,
      },
      {
        seq: 8,
        time: 1_700_000_000_000,
        stream: 'stderr',
        level: 'error',
        text: 'ERROR: x',
        truncated: true,
      },
      {
        seq: 9,
        time: 1_700_000_000_123,
        stream: 'stdout',
        level: 'info',
        text: '',
        truncated: false,
      },
      {
        seq: 1_234_567,
        time: 1_700_000_000_123,
        stream: 'stderr',
        level: 'warning',
        text: 'WARN: ünïcødé € 🚀 \u0000 back\\slash',
        truncated: false,
      },
    ];
    const events = parse(formatLogEvents(lines).toString('utf8'));
    expect(events.map((event) => [event.event, event.id])).toEqual([
      ['log', '7'],
      ['log', '8'],
      ['log', '9'],
      ['log', '1234567'],
    ]);
    expect(events.map((event): unknown => JSON.parse(event.data))).toEqual(lines.map(toApiLogLine));
  });

  it('formats events without an id', () => {
    expect(parse(formatSseEvent({ event: 'status', data: '{"a":1}' }))).toEqual([
      { event: 'status', data: '{"a":1}', id: undefined },
    ]);
  });
});
