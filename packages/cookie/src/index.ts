/**
 * @edge-session/cookie — the whole session in the cookie, signed in Django's
 * exact `signing.dumps` format. Every public name of this entry is listed
 * here; the encrypted (JWE) store is a separate entry,
 * `@edge-session/cookie/encrypted`, so a signed-cookie Worker carries no JWE code.
 * @module
 */

export type { CookieStoreOptions } from "./cookie-store.ts";
export { cookieStore, DJANGO_SESSION_SALT } from "./cookie-store.ts";
export type { CommonCookieOptions } from "./store-options.ts";
export { DEFAULT_SALT, MAX_CHUNKS } from "./store-options.ts";
