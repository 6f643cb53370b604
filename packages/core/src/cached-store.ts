import type { SessionStore, StoredSession } from "./store.ts";

/** Options for `cachedStore`. */
export interface CachedStoreOptions {
  /** The fast, possibly lossy store read first (Workers KV, memory). */
  cache: SessionStore;
  /** The store of record (D1, Redis). */
  store: SessionStore;
}

/**
 * Django's cached_db backend: writes go to the store of record first, then to
 * the cache; reads try the cache first and fill it on a miss. A cache failure
 * never fails the request — the cache is only an accelerator.
 *
 * The cache holds the store's record (value and version) wrapped in its own
 * value, so a cache hit carries the store's version into compare-and-set.
 * A stale cache entry therefore shows up as a "conflict" at the store, which
 * evicts it, so the engine's re-read then comes from the store.
 */
export function cachedStore({ cache, store }: CachedStoreOptions): SessionStore {
  const quietly = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch {
      return undefined; // the cache is best effort; the store has the truth
    }
  };

  const fromCache = async (id: string): Promise<StoredSession | null> => {
    const hit = await quietly(() => cache.get(id));
    if (!hit) return null;
    try {
      const { value, version } = JSON.parse(hit.value) as { value: unknown; version: unknown };
      // A cache whose TTL is coarser than the session's (KV's 60 s floor) may still hold an expired copy.
      if (typeof value === "string" && typeof version === "number" && hit.expiresAt > Date.now()) {
        return { value, version, expiresAt: hit.expiresAt };
      }
    } catch {
      // not ours: fall through to the store
    }
    return null;
  };

  const wrap = (record: StoredSession): string => JSON.stringify({ value: record.value, version: record.version });

  /** Fills the cache for an id it does not hold (a miss, or a brand-new session). */
  const fill = (id: string, record: StoredSession): Promise<unknown> => quietly(() => cache.create(id, wrap(record), record.expiresAt));

  /** Overwrites the cached copy after a successful update. */
  const refill = (id: string, record: StoredSession): Promise<unknown> =>
    quietly(async () => {
      // A cache without compare-and-set (KV) ignores the version and overwrites; an atomic one needs delete + create.
      if (!cache.capabilities.atomic && (await cache.update(id, wrap(record), record.expiresAt, 0)) === "ok") return;
      await cache.delete(id);
      await cache.create(id, wrap(record), record.expiresAt);
    });

  const evict = (id: string): Promise<unknown> => quietly(() => cache.delete(id));

  return {
    capabilities: {
      atomic: store.capabilities.atomic,
      consistency: cache.capabilities.consistency === "eventual" ? "eventual" : store.capabilities.consistency,
      ...(store.capabilities.minTtlSeconds !== undefined ? { minTtlSeconds: store.capabilities.minTtlSeconds } : {}),
    },
    async get(id) {
      const cached = await fromCache(id);
      if (cached) return cached;
      const record = await store.get(id);
      if (record) await fill(id, record);
      return record;
    },
    async create(id, value, expiresAt) {
      const created = await store.create(id, value, expiresAt);
      if (created) await fill(id, { value, version: 1, expiresAt });
      return created;
    },
    async update(id, value, expiresAt, version) {
      const result = await store.update(id, value, expiresAt, version);
      if (result === "ok") await refill(id, { value, version: version + 1, expiresAt });
      else await evict(id);
      return result;
    },
    async delete(id) {
      // Cache first: if the store delete then fails, the request fails and nothing stale is left readable.
      await evict(id);
      await store.delete(id);
    },
    ...(store.touch
      ? {
          async touch(id: string, expiresAt: number) {
            const touched = await store.touch!(id, expiresAt);
            // The cached copy carries the old expiresAt; drop it rather than serve an early expiry.
            await evict(id);
            return touched;
          },
        }
      : {}),
    ...(store.clearExpired ? { clearExpired: () => store.clearExpired!() } : {}),
  };
}
