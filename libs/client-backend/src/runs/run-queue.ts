import { RunQueueFullError } from './run-errors.js';

/** A first-in, first-out queue of run ids with a maximum length. */
export class RunQueue {
  private readonly ids: string[] = [];

  constructor(readonly maxLength: number) {}

  get length(): number {
    return this.ids.length;
  }

  /** Appends `runId`; throws {@link RunQueueFullError} when `maxLength` runs wait already. */
  enqueue(runId: string): void {
    if (!this.hasRoom()) throw new RunQueueFullError(this.ids.length, this.maxLength);
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
