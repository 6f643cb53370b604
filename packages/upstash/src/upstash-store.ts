import type { SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import type { Redis } from "@upstash/redis";
import { formatExpiresAt, packRecord, parseRecord } from "./record.ts";
import { TOUCH_SCRIPT, UPDATE_SCRIPT } from "./scripts.ts";

/**
 * The part of an `@upstash/redis` client the store uses. Any `Redis` instance
 * fits: `new Redis({ url, token })`, `Redis.fromEnv()`, or the one from
 * `@upstash/redis/cloudflare`.
 */
export type UpstashRedisClient = Pick<Redis, "get" | "set" | "del" | "createScript">;

export interface UpstashStoreOptions {
  /** The client. Its defaults (auto-pipelining, base64 responses, deserialization) are fine. */
  redis: UpstashRedisClient;
  /** Prepended to every session id to form the Redis key. Default `"session:"`. */
  prefix?: string;
}

/**
 * A store whose operations are each one Redis command, so each one HTTP request.
 * It has `touch` but no `clearExpired`: every record is written with a TTL and
 * Redis deletes it when that runs out, so Django's `clearsessions` has nothing to do.
 */
export interface UpstashSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({ atomic: true, consistency: "strong" });

type UpdateResult = "ok" | "gone" | "conflict";

/**
 * Redis wants a relative TTL in whole milliseconds, at least 1 (PX 0 is an
 * error). Relative rather than PXAT so that a skew between this clock and
 * Redis's does not shorten or stretch a session.
 */
function ttlMs(expiresAt: number, now: number): number {
  return Math.max(1, Math.ceil(expiresAt - now));
}

/**
 * Sessions in Upstash Redis over its REST API, so it runs on Workers, Deno, Bun
 * and Node alike. Every operation is one Redis command (one HTTP request):
 * `get` = GET, `create` = SET NX PX, `update` = a compare-and-set Lua script,
 * `touch` = a Lua script rewriting only the expiry header, `delete` = DEL.
 * Client errors propagate unchanged; the engine wraps them in SessionStoreError.
 */
export function upstashStore(options: UpstashStoreOptions): UpstashSessionStore {
  const { redis } = options;
  const prefix = options.prefix ?? "session:";
  // EVALSHA first, EVAL on NOSCRIPT (the client does this): the script text
  // crosses the network only once per Redis script cache.
  const updateScript = redis.createScript<UpdateResult>(UPDATE_SCRIPT);
  const touchScript = redis.createScript<number>(TOUCH_SCRIPT);
  const key = (id: string): string => prefix + id;

  return {
    capabilities: CAPABILITIES,

    async get(id: string): Promise<StoredSession | null> {
      const record = parseRecord(await redis.get<string>(key(id)));
      // Redis expires the key itself; this covers the last millisecond of
      // rounding so a record past its expiresAt is never handed out.
      if (!record || record.expiresAt <= Date.now()) return null;
      return record;
    },

    async create(id: string, value: string, expiresAt: number): Promise<boolean> {
      const record = packRecord(value, 1, expiresAt);
      const result = await redis.set(key(id), record, { nx: true, px: ttlMs(expiresAt, Date.now()) });
      return result === "OK";
    },

    async update(id: string, value: string, expiresAt: number, version: number): Promise<UpdateResult> {
      const record = packRecord(value, version + 1, expiresAt);
      const now = Date.now();
      const result = await updateScript.exec([key(id)], [String(version), record, String(ttlMs(expiresAt, now)), String(now)]);
      if (result === "ok" || result === "gone" || result === "conflict") return result;
      throw new TypeError(`unexpected reply from the update script: ${JSON.stringify(result)}`);
    },

    async delete(id: string): Promise<void> {
      await redis.del(key(id));
    },

    async touch(id: string, expiresAt: number): Promise<boolean> {
      const header = formatExpiresAt(expiresAt);
      const now = Date.now();
      const result = await touchScript.exec([key(id)], [header, String(ttlMs(expiresAt, now)), String(now)]);
      return Number(result) === 1;
    },
  };
}
