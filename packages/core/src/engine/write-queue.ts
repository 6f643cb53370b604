/**
 * Compare-and-set writes to one session from one isolate run one after
 * another instead of racing (docs/design.md, "Concurrent writes"): racing
 * writers would each lose the compare-and-set to the others, so n parallel
 * requests made O(n²) attempts; queued, each conflicts at most once.
 */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `task` after every earlier task queued for the same store and id has settled. */
export async function queued<T>(store: object, id: string, task: () => Promise<T>): Promise<T> {
  let byId = queues.get(store);
  if (!byId) {
    byId = new Map();
    queues.set(store, byId);
  }
  const previous = byId.get(id);
  const run = previous ? previous.then(task, task) : task();
  const settled = run.then(
    () => {},
    () => {},
  );
  byId.set(id, settled);
  try {
    return await run;
  } finally {
    if (byId.get(id) === settled) byId.delete(id);
  }
}
