import { ApiError } from './errors.js';

/** A first-in, first-out queue of run ids with a maximum length. */
export class RunQueue {
  private readonly ids: string[] = [];

  constructor(readonly maxLength: number) {}

  get length(): number {
    return this.ids.length;
  }

  /** Appends `runId`; throws a 429 {@link ApiError} when the queue is full. */
  enqueue(runId: string): void {
    if (this.ids.length >= this.maxLength) {
      throw new ApiError(
        'QUEUE_FULL',
        `run queue is full: ${this.ids.length} runs waiting (maxQueuedRuns ${this.maxLength})`,
      );
    }
    this.ids.push(runId);
  }

  /** Whether another run could wait. */
  hasRoom(): boolean {
    return this.ids.length < this.maxLength;
  }

  dequeue(): string | undefined {
    return this.ids.shift();
  }

  /** Takes `runId` out of the queue; false when it was not waiting. */
  remove(runId: string): boolean {
    const index = this.ids.indexOf(runId);
    if (index === -1) return false;
    this.ids.splice(index, 1);
    return true;
  }

  /** Empties the queue, returning what was waiting. */
  drain(): string[] {
    return this.ids.splice(0, this.ids.length);
  }
}
