import type { Redis } from 'ioredis';
import type { OutputCapture } from '../capture/output-capture.js';
import { QueueError } from './queue-errors.js';
import { endFields, entryId, linesFields, runStreamKey, startedFields } from './queue-protocol.js';

// Lines per stream entry: large enough that a fast module costs few round trips.
const LINES_PER_ENTRY = 2_000;
const RETRY_MS = 100;

/**
 * A worker's side of one attempt of a run's stream: `started`, the capture's lines in order,
 * and `end`, each written with its `<attempt>-<seq>` id and acknowledged by Redis before the
 * next. A write whose reply was lost is repeated; Redis refuses the repeat's id if the first
 * one landed, which counts as done. A refusal for any other reason means the run was taken
 * from this worker (a newer attempt, or the server ended it), and so does Redis being
 * unreachable for `graceMs`: the writer then stops for good and calls `onLost`.
 */
export class RunStreamWriter {
  private readonly key: string;
  private sentSeq = 0;
  private pumping: Promise<void> | undefined;
  private again = false;
  private lost: QueueError | undefined;

  constructor(
    private readonly redis: Redis,
    runId: string,
    private readonly attempt: number,
    private readonly graceMs: number,
    private readonly onLost: (error: QueueError) => void,
  ) {
    this.key = runStreamKey(runId);
  }

  /** Why the run was taken from this worker, once it was. */
  get lostReason(): QueueError | undefined {
    return this.lost;
  }

  started(worker: string): Promise<void> {
    return this.write(entryId(this.attempt, 0), startedFields(this.attempt, worker));
  }

  /** Sends the capture's lines as they come. */
  follow(capture: OutputCapture): void {
    capture.subscribe(() => this.pump(capture));
    this.pump(capture);
  }

  /** Sends what the ended capture still holds, then `end`. */
  async finish(
    capture: OutputCapture | undefined,
    end: { status: 'completed' | 'failed'; exitCode: number | null; errorMessage: string | null },
  ): Promise<void> {
    if (capture !== undefined) this.pump(capture);
    while (this.pumping !== undefined) await this.pumping;
    if (this.lost !== undefined) return;
    await this.write(
      entryId(this.attempt, this.sentSeq + 1),
      endFields(end.status, end.exitCode, end.errorMessage),
    ).catch(() => undefined);
  }

  private pump(capture: OutputCapture): void {
    if (this.pumping !== undefined) {
      this.again = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        for (;;) {
          if (this.lost !== undefined) return;
          const lines = await capture.readAfter(this.sentSeq, LINES_PER_ENTRY);
          const last = lines[lines.length - 1];
          if (last === undefined) break;
          await this.write(entryId(this.attempt, last.seq), linesFields(lines));
          this.sentSeq = last.seq;
        }
      } while (this.again);
    })()
      .catch(() => undefined)
      .finally(() => {
        this.pumping = undefined;
      });
  }

  private async write(id: string, fields: string[]): Promise<void> {
    let failingSince: number | undefined;
    for (;;) {
      if (this.lost !== undefined) throw this.lost;
      try {
        await this.redis.xadd(this.key, id, ...fields);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (/equal or smaller/i.test(message)) {
          const newest = (
            await this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1).catch(() => [])
          )[0]?.[0];
          if (newest === id) return;
          this.giveUp(
            new QueueError(
              'QUEUE_WORKER_LOST',
              `the run was taken from this worker (its stream is at ${newest ?? 'an unknown id'}, this attempt wrote ${id})`,
            ),
          );
          continue;
        }
        failingSince ??= Date.now();
        if (Date.now() - failingSince >= this.graceMs)
          this.giveUp(
            new QueueError(
              'QUEUE_REDIS_LOST',
              `Redis did not take the run's output for ${this.graceMs} ms (${message})`,
            ),
          );
        else await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private giveUp(error: QueueError): void {
    if (this.lost !== undefined) return;
    this.lost = error;
    this.onLost(error);
  }
}
