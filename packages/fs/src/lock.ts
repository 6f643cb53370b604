/**
 * A per-key promise chain: `withLock(key, fn)` runs `fn` after every earlier
 * call for the same key has settled. This is what makes `update`'s
 * read-compare-write a compare-and-set inside one process; the file system
 * itself offers no compare-and-set on a file's content.
 *
 * The map is module-wide (keyed by absolute file path) so that two
 * `fileStore` instances on the same directory in one process share locks.
 */
const tails = new Map<string, Promise<unknown>>();

export function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Drop the entry once nothing is queued behind us, so the map does not grow with every id ever seen.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** How many keys currently hold a lock (for tests: the map must drain). */
export function pendingLocks(): number {
  return tails.size;
}
