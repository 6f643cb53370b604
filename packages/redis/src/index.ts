/**
 * @edge-session/redis — sessions in Redis over TCP, with node-redis, ioredis
 * or Bun's built-in client. The record format and scripts it shares with
 * `@edge-session/upstash` are at `@edge-session/redis/protocol`.
 * @module
 */

export type { BunRedisClient, IoRedisClient, NodeRedisClient, RedisClientLike, RedisCommander } from "./client.ts";
export { toCommander } from "./client.ts";
export type { RedisSessionStore, RedisStoreOptions } from "./redis-store.ts";
export { redisStore } from "./redis-store.ts";
