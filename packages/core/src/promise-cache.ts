/**
 * A bounded cache of promises by string key, for derived keys: each is made
 * once per isolate (importKey and derivations cost tens of µs, which no request
 * should pay twice). A rejected promise is dropped, so a failure does not
 * poison later requests; past `limit` entries the oldest goes.
 */
export function promiseCache<T>(limit: number): (key: string, make: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, make) => {
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entry = make();
      entry.catch(() => entries.delete(key));
      entries.set(key, entry);
    }
    return entry;
  };
}
