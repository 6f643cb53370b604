import { applyPatch } from "./payload.ts";
import type { SessionStore, StoredSession } from "./store.ts";

/**
 * Options for `memoryStore`.
 * @example
 * memoryStore({ now: clock.now }) // a test clock for the store's own expiry
 */
export interface MemoryStoreOptions {
  /** Clock for the store's own expiry, in epoch ms [Date.now]. */
  now?: () => number;
}

/**
 * Sessions in a Map in this process: the embedded default for development
 * and tests. Atomic (compare-and-set on version, and patch) because
 * JavaScript runs one callback at a time; not shared between processes or isolates.
 * @example
 * app.use(session({ store: memoryStore(), secret: env.SESSION_SECRET }));
 */
export function memoryStore(options: MemoryStoreOptions = {}): SessionStore & { readonly size: number } {
  const now = options.now ?? Date.now;
  const records = new Map<string, StoredSession>();

  const live = (id: string): StoredSession | undefined => {
    const record = records.get(id);
    if (record && record.expiresAt <= now()) {
      records.delete(id);
      return undefined;
    }
    return record;
  };

  return {
    capabilities: { atomic: true, consistency: "strong" },
    get size() {
      return records.size;
    },
    async get(id) {
      const record = live(id);
      return record ? { ...record } : null;
    },
    async create(id, value, expiresAt) {
      if (live(id)) return false;
      records.set(id, { value, version: 1, expiresAt });
      return true;
    },
    async update(id, value, expiresAt, version) {
      const record = live(id);
      if (!record) return "gone";
      if (record.version !== version) return "conflict";
      records.set(id, { value, version: version + 1, expiresAt });
      return "ok";
    },
    async patch(id, changes, expiresAt) {
      const record = live(id);
      const value = record && applyPatch(record.value, changes);
      // Gone, or not a value the engine wrote: never resurrect or overwrite it (docs/design.md, "Concurrent writes").
      if (!record || value === null || value === undefined) return "gone";
      records.set(id, { value, version: record.version + 1, expiresAt });
      return "ok";
    },
    async delete(id) {
      records.delete(id);
    },
    async touch(id, expiresAt) {
      const record = live(id);
      if (!record) return false;
      records.set(id, { ...record, expiresAt });
      return true;
    },
    async clearExpired() {
      let removed = 0;
      const t = now();
      for (const [id, record] of records) {
        if (record.expiresAt <= t) {
          records.delete(id);
          removed++;
        }
      }
      return removed;
    },
  };
}
