/**
 * @edge-session/cookie/encrypted — the whole session in the cookie as a JWE
 * (`dir` + `A256GCM`) the browser cannot read. Every public name of this
 * entry is listed here.
 * @module
 */

export type { EncryptedCookieStoreOptions } from "./encrypted-cookie-store.ts";
export { encryptedCookieStore } from "./encrypted-cookie-store.ts";
export type { CommonCookieOptions } from "./store-options.ts";
export { DEFAULT_SALT, MAX_CHUNKS } from "./store-options.ts";
