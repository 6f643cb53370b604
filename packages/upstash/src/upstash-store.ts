import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import {
  formatExpiresAt,
  PATCH_SCRIPT,
  packRecord,
  parseRecord,
  patchArguments,
  scriptResult,
  TOUCH_SCRIPT,
  ttlMs,
  UPDATE_SCRIPT,
} from "@edge-session/redis/protocol";
import type { Redis } from "@upstash/redis";

/**
 * The part of an `@upstash/redis` client the store uses (`get`, `set`, `del`,
 * `createScript`). Any `Redis` instance fits: `new Redis({ url, token })`,
 * `Redis.fromEnv()`, or the one from `@upstash/redis/cloudflare`.
 * @example
 * ```ts
 * import { Redis } from "@upstash/redis/cloudflare";
 * const redis: UpstashRedisClient = Redis.fromEnv(env);
 * ```
 */
export type UpstashRedisClient = Pick<Redis, "get" | "set" | "del" | "createScript">;

/**
 * Options of {@link upstashStore}: the client, an optional key prefix and clock.
 * @example
 * ```ts
 * const options: UpstashStoreOptions = { redis: new Redis({ url, token }), prefix: "s:" };
 * ```
 */
export interface UpstashStoreOptions {
  /** The client. Its defaults (auto-pipelining, base64 responses, deserialization) are fine. */
  redis: UpstashRedisClient;
  /** Prepended to every session id to form the Redis key ["session:"]. */
  prefix?: string;
  /** Clock in epoch ms for the store's own expiry decisions [Date.now]. */
  now?: () => number;
}

/**
 * The store {@link upstashStore} returns: a `SessionStore` with `touch` and
 * `patch` but no `clearExpired`: every record is written with a TTL and Redis
 * deletes it when that runs out, so Django's `clearsessions` has nothing to do.
 * @example
 * ```ts
 * const store: UpstashSessionStore = upstashStore({ redis });
 * await store.touch(id, Date.now() + 3_600_000);
 * ```
 */
export interface UpstashSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({ atomic: true, consistency: "strong" });

/**
 * Sessions in Upstash Redis over its REST API, so it runs on Workers, Deno, Bun
 * and Node alike. Every operation is one Redis command (one HTTP request):
 * `get` = GET, `create` = SET NX PX, `update` = a compare-and-set Lua script,
 * `patch` = a Lua script splicing one request's changes into the stored JSON,
 * `touch` = a Lua script rewriting only the expiry header, `delete` = DEL.
 * Record format and scripts are `@edge-session/redis/protocol`'s, the same as
 * redisStore's (docs/design.md, "Stores"). Client errors propagate unchanged;
 * the engine wraps them in SessionStoreError.
 * @example
 * ```ts
 * import { Redis } from "@upstash/redis";
 * import { upstashStore } from "@edge-session/upstash";
 *
 * const store = upstashStore({ redis: Redis.fromEnv(), prefix: "myapp:session:" });
 * ```
 */
export function upstashStore(options: UpstashStoreOptions): UpstashSessionStore {
  const { redis } = options;
  const prefix = options.prefix ?? "session:";
  const now = options.now ?? Date.now;
  // EVALSHA first, EVAL on NOSCRIPT (the client does this): the script text
  // crosses the network only once per Redis script cache.
  const updateScript = redis.createScript<string>(UPDATE_SCRIPT);
  const patchScript = redis.createScript<string>(PATCH_SCRIPT);
  const touchScript = redis.createScript<number>(TOUCH_SCRIPT);
  const key = (id: string): string => prefix + id;

  return {
    capabilities: CAPABILITIES,

    async get(id: string): Promise<StoredSession | null> {
      const record = parseRecord(await redis.get<string>(key(id)));
      // Redis expires the key itself; this covers the last millisecond of
      // rounding so a record past its expiresAt is never handed out (policy 3).
      if (!record || record.expiresAt <= now()) return null;
      return record;
    },

    async create(id: string, value: string, expiresAt: number): Promise<boolean> {
      const record = packRecord(value, 1, expiresAt);
      const result = await redis.set(key(id), record, { nx: true, px: ttlMs(expiresAt, now()) });
      return result === "OK";
    },

    async update(id: string, value: string, expiresAt: number, version: number): Promise<"ok" | "gone" | "conflict"> {
      const record = packRecord(value, version + 1, expiresAt);
      const t = now();
      const result = await updateScript.exec([key(id)], [String(version), record, String(ttlMs(expiresAt, t)), String(t)]);
      return scriptResult(result, ["ok", "gone", "conflict"]);
    },

    async patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone"> {
      const result = await patchScript.exec([key(id)], patchArguments(changes, expiresAt, now()));
      return scriptResult(result, ["ok", "gone"]);
    },

    async delete(id: string): Promise<void> {
      await redis.del(key(id));
    },

    async touch(id: string, expiresAt: number): Promise<boolean> {
      const header = formatExpiresAt(expiresAt);
      const t = now();
      const result = await touchScript.exec([key(id)], [header, String(ttlMs(expiresAt, t)), String(t)]);
      return Number(result) === 1;
    },
  };
}
