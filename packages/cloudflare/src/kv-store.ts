import type { SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";

/** Options for {@link kvStore}. */
export interface KvStoreOptions {
  /** Prepended, literally, to every session id to form the KV key [""]. Use it to share a namespace. */
  prefix?: string;
  /**
   * Clock for the store's own expiry decisions (the exact expiry kept in the
   * metadata, the TTL asked of KV), in epoch ms [Date.now] (docs/design.md,
   * "Policies: errors, clocks, expiry").
   */
  now?: () => number;
}

/**
 * Workers KV refuses `expirationTtl` under 60 seconds
 * (https://developers.cloudflare.com/kv/api/write-key-value-pairs/#expiring-keys).
 */
export const KV_MIN_TTL_SECONDS = 60;

/** What each KV entry carries beside its value, so a read is one `getWithMetadata` call. */
interface KvSessionMetadata {
  /** version */
  v: number;
  /** expiresAt, epoch ms, exact (the KV TTL may be longer) */
  e: number;
}

const capabilities: StoreCapabilities = Object.freeze({
  // KV has no conditional write: update is last-write-wins.
  atomic: false,
  // A write can take ~60 s to reach other locations (KV caches reads at the edge).
  consistency: "eventual",
  minTtlSeconds: KV_MIN_TTL_SECONDS,
});

/**
 * A session store on Workers KV.
 *
 * Limits, all from KV itself: no conditional write, so `create` and `update`
 * are a read followed by a write — best effort, and concurrent updates are
 * last-write-wins (never "conflict"); eventual consistency (~60 s for a change,
 * a logout included, to reach every location); a 60 s TTL floor (the store
 * asks KV for at least 60 s, and keeps the exact expiry in metadata for the
 * engine to enforce); about one write per second per key (use `touchAfter`).
 * There is no `touch`: KV cannot extend a TTL without rewriting the value.
 * KV's errors propagate as they are: the engine is the one place that wraps
 * store failures (docs/design.md, "Policies: errors, clocks, expiry").
 */
export function kvStore(namespace: KVNamespace, options: KvStoreOptions = {}): SessionStore {
  const prefix = options.prefix ?? "";
  const key = (id: string): string => prefix + id;
  const now = options.now ?? Date.now;

  async function read(id: string): Promise<StoredSession | null> {
    const { value, metadata } = await namespace.getWithMetadata<KvSessionMetadata>(key(id), "text");
    if (value === null || !isMetadata(metadata)) return null;
    // KV may keep the entry up to 60 s past expiresAt (the TTL floor): the exact expiry decides.
    if (metadata.e <= now()) return null;
    return { value, version: metadata.v, expiresAt: metadata.e };
  }

  async function write(id: string, value: string, expiresAt: number, version: number): Promise<void> {
    const metadata: KvSessionMetadata = { v: version, e: expiresAt };
    await namespace.put(key(id), value, { expirationTtl: kvTtlSeconds(expiresAt, now()), metadata });
  }

  return {
    capabilities,
    get: read,
    async create(id, value, expiresAt) {
      // Best effort: KV cannot insert-if-absent, so another location may write the
      // same id between this read and the write. Ids are ≥ 128 random bits, so the
      // check guards against misuse rather than a race that happens in practice.
      if ((await read(id)) !== null) return false;
      await write(id, value, expiresAt, 1);
      return true;
    },
    async update(id, value, expiresAt) {
      // Best effort "gone": a logout elsewhere may not be visible here for ~60 s.
      // Last-write-wins: the caller's version is not compared, because KV cannot
      // compare-and-set; the version still moves on so readers see a change.
      const current = await read(id);
      if (current === null) return "gone";
      await write(id, value, expiresAt, current.version + 1);
      return "ok";
    },
    async delete(id) {
      await namespace.delete(key(id));
    },
  };
}

/** The TTL to send to KV for a record expiring at `expiresAt`: whole seconds, never under KV's 60 s floor. */
export function kvTtlSeconds(expiresAt: number, now: number): number {
  return Math.max(KV_MIN_TTL_SECONDS, Math.ceil((expiresAt - now) / 1000));
}

function isMetadata(metadata: unknown): metadata is KvSessionMetadata {
  if (typeof metadata !== "object" || metadata === null) return false;
  const { v, e } = metadata as Record<string, unknown>;
  return Number.isSafeInteger(v) && typeof e === "number" && Number.isFinite(e);
}
