/**
 * Create a session store in Upstash Redis (`@upstash/redis`): one HTTP request per operation,
 * compare-and-set updates, TTLs kept by Redis.
 * @example
 * ```ts
 * import { Redis } from "@upstash/redis";
 * import { withSession } from "@edge-session/fetch";
 * import { upstashStore } from "@edge-session/upstash";
 *
 * const store = upstashStore({ redis: Redis.fromEnv(), prefix: "myapp:session:" });
 * export default { fetch: withSession(app, { store, secret: process.env.SESSION_SECRET! }) };
 * ```
 */

/**
 * Options of {@link upstashStore}: the client and an optional key prefix.
 * @example
 * ```ts
 * const options: UpstashStoreOptions = { redis: new Redis({ url, token }), prefix: "s:" };
 * ```
 */
/**
 * The part of an `@upstash/redis` client the store needs (`get`, `set`, `del`, `createScript`).
 * @example
 * ```ts
 * import { Redis } from "@upstash/redis/cloudflare";
 * const redis: UpstashRedisClient = Redis.fromEnv(env);
 * ```
 */
/**
 * The store {@link upstashStore} returns: a `SessionStore` with `touch` (no `clearExpired`: Redis expires keys itself).
 * @example
 * ```ts
 * const store: UpstashSessionStore = upstashStore({ redis });
 * await store.touch(id, Date.now() + 3_600_000);
 * ```
 */
export type { UpstashRedisClient, UpstashSessionStore, UpstashStoreOptions } from "./upstash-store.ts";
export { upstashStore } from "./upstash-store.ts";
