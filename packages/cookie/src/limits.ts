/**
 * Browsers keep cookies of at least 4096 bytes (RFC 6265 §6.1) and silently
 * drop larger ones; core's constant, re-exported so the store and the engine
 * can never disagree. Cookie values here are ASCII, so characters = bytes.
 */
export { MAX_COOKIE_BYTES } from "@edge-session/core/kit";

/**
 * Cap on decompressed session JSON. A 4096-byte cookie deflates to at most a
 * few tens of KiB of real session data; anything bigger is a zip bomb (only
 * possible with the secret, since the signature is checked first — defence in
 * depth, not the primary guard).
 */
export const MAX_INFLATED_BYTES = 64 * 1024;
