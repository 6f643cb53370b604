/**
 * @edge-session/upstash — sessions in Upstash Redis over its REST API, for
 * Workers, Deno, Bun and Node. Record format and Lua scripts come from
 * `@edge-session/redis/protocol`.
 * @module
 */

export type { UpstashRedisClient, UpstashSessionStore, UpstashStoreOptions } from "./upstash-store.ts";
export { upstashStore } from "./upstash-store.ts";
