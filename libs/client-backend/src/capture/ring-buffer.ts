/** Keeps the newest `capacity` items; pushing into a full buffer drops the oldest. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Item `index` counted from the oldest kept one. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.start + index) % this.capacity];
  }

  /** Items `from` (inclusive) to `to` (exclusive), oldest first. */
  slice(from: number, to: number = this.count): T[] {
    const begin = Math.max(0, from);
    const end = Math.min(this.count, to);
    const out: T[] = [];
    for (let i = begin; i < end; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }
}
