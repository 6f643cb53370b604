/**
 * @edge-session/redis/protocol — the Redis record format and Lua scripts,
 * written once for every Redis-backed store (redisStore over TCP, upstashStore
 * over Upstash's REST API). See docs/design.md, "Stores".
 * @module
 */

export { patchArguments, scriptResult } from "./patch-arguments.ts";
export { EXPIRES_AT_DIGITS, formatExpiresAt, packRecord, parseRecord, ttlMs } from "./record.ts";
export { PATCH_SCRIPT, TOUCH_SCRIPT, UPDATE_SCRIPT } from "./scripts.ts";
