/**
 * Maps each item of a sync or async iterable, yielding results in input order as soon as
 * each is ready; the source is pulled lazily, so a long stream never sits in memory.
 */
export async function* mapInOrder<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  transform: (item: T) => R,
): AsyncGenerator<R, void, undefined> {
  for await (const item of source) yield transform(item);
}
