import type { SessionPatch, SessionStore, StoredSession } from "./store.ts";

/**
 * Options for `cachedStore`.
 * @example
 * cachedStore({ cache: kvStore(env.KV), store: d1Store(env.DB) })
 */
export interface CachedStoreOptions {
  /** The fast, possibly lossy store read first (Workers KV, memory). */
  cache: SessionStore;
  /** The store of record (D1, Redis). */
  store: SessionStore;
  /** The clock for the cache's own expiry checks, epoch ms [Date.now] (docs/design.md, "Policies: errors, clocks, expiry"). */
  now?: () => number;
}

/**
 * How long a deleted session's tombstone stays in the cache: far longer than
 * any read that may still be on its way back from the store of record with the
 * deleted record (one round trip), and above Workers KV's 60 s TTL floor.
 */
const TOMBSTONE_MS = 10 * 60 * 1000;

/** Per-id write bookkeeping kept in this isolate; past this many ids, idle ones are forgotten. */
const MAX_TRACKED_IDS = 10_000;

/** What the cache holds for an id: a copy of the store's record, a tombstone, or something not ours. */
type CacheEntry = StoredSession | "tombstone" | null;

/**
 * Django's cached_db backend: writes go to the store of record first, then to
 * the cache; reads try the cache first and fill it on a miss. A cache failure
 * never fails the request — the cache is only an accelerator.
 *
 * The cache holds the store's record (value and version) wrapped in its own
 * value, so a cache hit carries the store's version into compare-and-set.
 *
 * A cache never holds a record the store of record no longer has or has
 * superseded (docs/design.md, "Stores"):
 * - A fill after a miss only creates an absent entry, never overwrites one,
 *   and is skipped when any write to that id began in this isolate after the
 *   read began (the read may carry what that write replaced or deleted).
 * - A delete leaves a tombstone instead of an empty slot, so a fill that is
 *   still on its way (from any isolate) cannot recreate the entry.
 * - A refresh after an update or patch replaces the cached copy only when its
 *   version is newer, with compare-and-set on the cache's own version where
 *   the cache is atomic, so an older write finishing last cannot win.
 *
 * What is not guaranteed: with a non-atomic cache (Workers KV), create and
 * replace are check-then-write, so two isolates racing within one cache round
 * trip can still leave an older copy; and an older copy filled by another
 * isolate right after an eviction (conflict, touch) can be served until the
 * next write to that session evicts or replaces it. A stale copy never
 * survives a compare-and-set write: the store reports a conflict, which evicts it.
 * @example
 * const store = cachedStore({ cache: kvStore({ namespace: env.SESSIONS }), store: d1Store({ database: env.DB }) });
 */
export function cachedStore({ cache, store, now = Date.now }: CachedStoreOptions): SessionStore {
  const quietly = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch {
      return undefined; // the cache is best effort; the store has the truth
    }
  };

  // Writes in this isolate, by id: a logical clock tick at each write's start and end, and how many are running.
  let clock = 0;
  let forgottenUpTo = 0;
  const writes = new Map<string, { tick: number; running: number }>();
  const mark = (id: string, running: number): void => {
    const entry = writes.get(id) ?? { tick: 0, running: 0 };
    entry.tick = ++clock;
    entry.running += running;
    writes.set(id, entry);
    if (writes.size > MAX_TRACKED_IDS) {
      for (const [key, value] of writes) if (value.running === 0) writes.delete(key);
      forgottenUpTo = clock; // reads that began before now may have missed a forgotten write: they do not fill
    }
  };
  const writing = async <T>(id: string, write: () => Promise<T>): Promise<T> => {
    mark(id, 1);
    try {
      return await write();
    } finally {
      mark(id, -1);
    }
  };
  /** No write to `id` ran in this isolate since the read that began at `since`. */
  const quietSince = (id: string, since: number): boolean => {
    const entry = writes.get(id);
    return entry ? entry.running === 0 && entry.tick <= since : forgottenUpTo <= since;
  };

  const wrap = (record: StoredSession): string => JSON.stringify({ value: record.value, version: record.version });
  const tombstone = JSON.stringify({ deleted: true });

  const read = (hit: StoredSession): CacheEntry => {
    try {
      const parsed = JSON.parse(hit.value) as { value?: unknown; version?: unknown; deleted?: unknown };
      if (parsed.deleted === true) return "tombstone";
      const { value, version } = parsed;
      if (typeof value === "string" && typeof version === "number") return { value, version, expiresAt: hit.expiresAt };
    } catch {
      // not ours: replaceable, and never served
    }
    return null;
  };

  const fromCache = async (id: string): Promise<StoredSession | null> => {
    const hit = await quietly(() => cache.get(id));
    if (!hit) return null;
    const entry = read(hit);
    // A cache whose TTL is coarser than the session's (KV's 60 s floor) may still hold an expired copy.
    return entry && entry !== "tombstone" && entry.expiresAt > now() ? entry : null;
  };

  /** Fills an absent entry after a miss; never overwrites (a tombstone or a newer copy wins). */
  const fill = (id: string, record: StoredSession): Promise<unknown> => quietly(() => cache.create(id, wrap(record), record.expiresAt));

  /**
   * Writes `text` over the cached entry when `replaces(current)` says so:
   * compare-and-set on the cache's own version (atomic caches), or an
   * overwrite (KV's update ignores the version). Under contention it gives up
   * by deleting, so the cache ends empty rather than stale.
   */
  const put = (id: string, text: string, expiresAt: number, replaces: (current: CacheEntry) => boolean): Promise<unknown> =>
    quietly(async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const existing = await cache.get(id);
        if (!existing) {
          if (await cache.create(id, text, expiresAt)) return;
          continue; // someone filled it meanwhile: look again
        }
        if (!replaces(read(existing))) return;
        if ((await cache.update(id, text, expiresAt, existing.version)) === "ok") return;
      }
      await cache.delete(id);
    });

  /** Replaces the cached copy with `record` unless the cache holds a tombstone or a newer copy. */
  const refresh = (id: string, record: StoredSession): Promise<unknown> =>
    put(id, wrap(record), record.expiresAt, (current) => {
      if (current === "tombstone") return false;
      if (current === null || current.version < record.version) return true;
      // A non-atomic store of record may give two writers the same version: the later refresh wins, as at the store.
      return current.version === record.version && (current.value !== record.value || current.expiresAt < record.expiresAt);
    });

  const bury = (id: string): Promise<unknown> => put(id, tombstone, now() + TOMBSTONE_MS, () => true);
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
      const since = clock;
      const record = await store.get(id);
      if (record && quietSince(id, since)) await fill(id, record);
      return record;
    },
    create(id, value, expiresAt) {
      return writing(id, async () => {
        const created = await store.create(id, value, expiresAt);
        if (created) await fill(id, { value, version: 1, expiresAt });
        return created;
      });
    },
    update(id, value, expiresAt, version) {
      return writing(id, async () => {
        const result = await store.update(id, value, expiresAt, version);
        if (result === "ok") await refresh(id, { value, version: version + 1, expiresAt });
        else await evict(id);
        return result;
      });
    },
    delete(id) {
      return writing(id, async () => {
        // Cache first: if the store delete then fails, the request fails and nothing stale is left readable.
        await bury(id);
        await store.delete(id);
      });
    },
    ...(store.patch
      ? {
          patch(id: string, changes: SessionPatch, expiresAt: number) {
            return writing(id, async () => {
              // Evict first: if the patch lands and the refresh below fails, no older copy is left readable.
              await evict(id);
              const result = await store.patch!(id, changes, expiresAt);
              if (result === "ok") {
                // The store spliced the value, so only it knows the new record. A failure of this read
                // must not fail a request whose write already landed (a retry would apply it twice).
                const fresh = await quietly(() => store.get(id));
                if (fresh) await refresh(id, fresh);
              }
              return result;
            });
          },
        }
      : {}),
    ...(store.touch
      ? {
          touch(id: string, expiresAt: number) {
            return writing(id, async () => {
              const touched = await store.touch!(id, expiresAt);
              // The cached copy carries the old expiresAt; drop it rather than serve an early expiry.
              await evict(id);
              return touched;
            });
          },
        }
      : {}),
    ...(store.clearExpired ? { clearExpired: () => store.clearExpired!() } : {}),
  };
}
