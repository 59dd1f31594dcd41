const LAST_STAMP = 0x7fffffff;

/**
 * A set of small integers (`0 … size - 1`) emptied in constant time: each call of a classifier
 * starts a new round with {@link CallMarks.startRound}, and an index counts as marked only when
 * it carries the current round's stamp. This is how a call lists each keyword or tag once
 * without allocating or clearing anything per call.
 */
export class CallMarks {
  readonly #stampAt: Int32Array;
  #stamp = 0;

  constructor(size: number) {
    this.#stampAt = new Int32Array(size);
  }

  /** Unmarks every index. */
  startRound(): void {
    if (this.#stamp === LAST_STAMP) {
      // Once in 2^31 rounds the stamps wrap: only then is the array really cleared.
      this.#stampAt.fill(0);
      this.#stamp = 0;
    }
    this.#stamp += 1;
  }

  /** Marks `index`; true when it was not yet marked in this round. */
  mark(index: number): boolean {
    if (this.#stampAt[index] === this.#stamp) return false;
    this.#stampAt[index] = this.#stamp;
    return true;
  }
}
