/**
 * @edge-session/core/kit — the building blocks for store and cookie-codec
 * authors: encodings, HMAC signing with Django's key derivation, the payload
 * serialization, the verified-value memo and cookie-header helpers. Apps never
 * need these; they import from `@edge-session/core`. See docs/design.md,
 * "Core's two faces".
 * @module
 */

export type { RequestCookie, SetCookieAttributes } from "../cookie-header.ts";
export { MAX_COOKIE_BYTES, readRequestCookie, serializeSetCookie } from "../cookie-header.ts";
export type { TrustedOrigins } from "../csrf/origin.ts";
export type { ResolvedCsrfOptions } from "../csrf/verify.ts";
export { base62, base64url, fromBase62, fromBase64url, utf8 } from "../encoding.ts";
export type { ResolvedOptions } from "../options.ts";
export { MIN_SECRET_LENGTH, resolveOptions } from "../options.ts";
export { applyPatch, emptyPayload, isEmptyPayload, parsePayload, serializePayload } from "../payload.ts";
export { promiseCache } from "../promise-cache.ts";
export type { HmacKey, HmacPath } from "../signing.ts";
export { hmacMatch, hmacPath, hmacSign, hmacVerify, saltedHmacKey, saltedHmacKeys } from "../signing.ts";
export type { CookieCodecContext, CookieRejection, CookieSessionStore, DecodedCookie, ExpirySetting, SessionPayload } from "../store.ts";
export { isCookieStore } from "../store.ts";
export { VerifiedMemo } from "../verified-memo.ts";
