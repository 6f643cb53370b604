/**
 * @edge-session/cloudflare — session stores on Workers KV, D1 and Durable
 * Objects. The Durable Object class itself, `SessionObject`, is exported from
 * `@edge-session/cloudflare/durable-object` (it needs `cloudflare:workers`,
 * which only the Workers runtime has; this entry stays importable anywhere).
 * @module
 */

/**
 * Options for `d1Store`: the table name (a plain identifier; default "sessions").
 * @example
 * ```ts
 * const options: D1StoreOptions = { table: "app_sessions" };
 * ```
 */
/**
 * What `d1Store` returns: the store contract with `touch` and `clearExpired` always present.
 * @example
 * ```ts
 * const store: D1SessionStore = d1Store(env.DB);
 * const removed = await store.clearExpired();
 * ```
 */
export type { D1SessionStore, D1StoreOptions } from "./d1-store.ts";

/**
 * A session store on D1: strongly consistent, compare-and-set updates, `touch`, `clearExpired`.
 * @example
 * ```ts
 * withSession(app, (env) => ({ store: d1Store(env.DB), secret: env.SESSION_SECRET }));
 * ```
 */
export { d1Store } from "./d1-store.ts";
/**
 * Options for `durableObjectStore`: the clock for its expiry decisions.
 * @example
 * ```ts
 * const options: DurableObjectStoreOptions = { now: () => Date.now() };
 * ```
 */
/**
 * What `durableObjectStore` returns: the store contract with `touch` and `patch` always present.
 * @example
 * ```ts
 * const store: DurableObjectSessionStore = durableObjectStore(env.SESSION_OBJECTS);
 * ```
 */
export type { DurableObjectSessionStore, DurableObjectStoreOptions } from "./durable-object-store.ts";
/**
 * A session store on Durable Objects: one object per session, strongly consistent and atomic,
 * one subrequest per store call, expired records deleted by each object's alarm.
 * @example
 * ```ts
 * export { SessionObject } from "@edge-session/cloudflare/durable-object";
 * export default {
 *   fetch: withSession(app, (env) => ({ store: durableObjectStore(env.SESSION_OBJECTS), secret: env.SESSION_SECRET })),
 * } satisfies ExportedHandler<Env>;
 * ```
 */
export { durableObjectStore } from "./durable-object-store.ts";
/**
 * Options for `kvStore`: the key prefix.
 * @example
 * ```ts
 * const options: KvStoreOptions = { prefix: "session:" };
 * ```
 */
export type { KvStoreOptions } from "./kv-store.ts";
/**
 * A session store on Workers KV: eventually consistent, last-write-wins, TTL floor of 60 s.
 * @example
 * ```ts
 * withSession(app, (env) => ({ store: kvStore(env.SESSIONS), secret: env.SESSION_SECRET, touchAfter: 3600 }));
 * ```
 */
export { kvStore } from "./kv-store.ts";
/**
 * Options for `clearExpiredSessions`: which cron expression to answer, and a callback with the count.
 * @example
 * ```ts
 * const options: ClearExpiredSessionsOptions = { cron: "0 3 * * *", onCleared: (n) => console.log(`cleared ${n}`) };
 * ```
 */
/**
 * Any store `clearExpiredSessions` can clean: one with `clearExpired()` (d1Store, or cachedStore over it).
 * @example
 * ```ts
 * const target: ExpiringStore = d1Store(env.DB);
 * ```
 */
export type { ClearExpiredSessionsOptions, ExpiringStore } from "./scheduled.ts";
/**
 * A `scheduled` handler for a Cron Trigger that deletes expired sessions (Django's `clearsessions`).
 * @example
 * ```ts
 * export default {
 *   fetch: withSession(app, (env) => ({ store: d1Store(env.DB), secret: env.SESSION_SECRET })),
 *   scheduled: clearExpiredSessions((env: Env) => d1Store(env.DB)),
 * } satisfies ExportedHandler<Env>;
 * ```
 */
export { clearExpiredSessions } from "./scheduled.ts";
/**
 * The Durable Object class `durableObjectStore` talks to, as a type (for
 * `DurableObjectNamespace<SessionObject>` in your `Env`); the class itself is
 * exported by `@edge-session/cloudflare/durable-object`.
 * @example
 * ```ts
 * interface Env { SESSION_OBJECTS: DurableObjectNamespace<SessionObject> }
 * ```
 */
export type { SessionObject } from "./session-object.ts";
