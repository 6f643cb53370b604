import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import { type RedisClientLike, toCommander } from "./client.ts";
import { evalScript, script } from "./eval-script.ts";
import { patchArguments, scriptResult } from "./patch-arguments.ts";
import { formatExpiresAt, packRecord, parseRecord, ttlMs } from "./record.ts";
import { PATCH_SCRIPT, TOUCH_SCRIPT, UPDATE_SCRIPT } from "./scripts.ts";

/**
 * Options of {@link redisStore}.
 * @example
 * ```ts
 * const options: RedisStoreOptions = { client: await createClient().connect(), prefix: "myapp:session:" };
 * ```
 */
export interface RedisStoreOptions {
  /** A connected node-redis v4/v5 client, an ioredis client, Bun's `RedisClient` (`Bun.redis`), or a `RedisCommander`. */
  client: RedisClientLike;
  /** Prepended to every session id to form the Redis key ["session:"]. */
  prefix?: string;
  /** Clock in epoch ms for the store's own expiry decisions [Date.now]. */
  now?: () => number;
}

/**
 * The store {@link redisStore} returns: a `SessionStore` with `touch` and
 * `patch`, and no `clearExpired` (Redis deletes expired keys itself).
 * @example
 * ```ts
 * const store: RedisSessionStore = redisStore({ client });
 * await store.touch(id, Date.now() + 3_600_000);
 * ```
 */
export interface RedisSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({ atomic: true, consistency: "strong" });

const updateScript = script(UPDATE_SCRIPT);
const touchScript = script(TOUCH_SCRIPT);
const patchScript = script(PATCH_SCRIPT);

/**
 * Sessions in Redis over TCP. Every operation is one command, so one round
 * trip: `get` = GET, `create` = SET NX PX, `update` = a compare-and-set Lua
 * script, `patch` = a Lua script splicing the request's changes into the stored
 * JSON, `touch` = a Lua script rewriting only the expiry header, `delete` = DEL.
 * The record format and scripts are the ones upstashStore uses
 * (`@edge-session/redis/protocol`; docs/design.md, "Stores"). Client errors
 * propagate unchanged; the engine wraps them in SessionStoreError.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { redisStore } from "@edge-session/redis";
 *
 * const client = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const store = redisStore({ client, prefix: "myapp:session:" });
 * ```
 */
export function redisStore(options: RedisStoreOptions): RedisSessionStore {
  const redis = toCommander(options?.client);
  const prefix = options.prefix ?? "session:";
  const now = options.now ?? Date.now;
  const key = (id: string): string => prefix + id;

  return {
    capabilities: CAPABILITIES,

    async get(id: string): Promise<StoredSession | null> {
      const record = parseRecord(await redis.command(["GET", key(id)]));
      // Redis expires the key itself; this covers the last millisecond of
      // rounding and a clock that runs ahead of Redis's (policy 3).
      if (!record || record.expiresAt <= now()) return null;
      return record;
    },

    async create(id: string, value: string, expiresAt: number): Promise<boolean> {
      const record = packRecord(value, 1, expiresAt);
      const reply = await redis.command(["SET", key(id), record, "NX", "PX", String(ttlMs(expiresAt, now()))]);
      return reply === "OK";
    },

    async update(id: string, value: string, expiresAt: number, version: number): Promise<"ok" | "gone" | "conflict"> {
      const record = packRecord(value, version + 1, expiresAt);
      const t = now();
      const reply = await evalScript(redis, updateScript, key(id), [String(version), record, String(ttlMs(expiresAt, t)), String(t)]);
      return scriptResult(reply, ["ok", "gone", "conflict"]);
    },

    async patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone"> {
      const reply = await evalScript(redis, patchScript, key(id), patchArguments(changes, expiresAt, now()));
      return scriptResult(reply, ["ok", "gone"]);
    },

    async delete(id: string): Promise<void> {
      await redis.command(["DEL", key(id)]);
    },

    async touch(id: string, expiresAt: number): Promise<boolean> {
      const header = formatExpiresAt(expiresAt);
      const t = now();
      const reply = await evalScript(redis, touchScript, key(id), [header, String(ttlMs(expiresAt, t)), String(t)]);
      return Number(reply) === 1;
    },
  };
}
