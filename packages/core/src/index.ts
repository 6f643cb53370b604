/**
 * @edge-session/core — Django's session framework for the Fetch API.
 * Every public name of the package is listed here.
 * @module
 */

export type { CachedStoreOptions } from "./cached-store.ts";
/**
 * Django's cached_db: a fast cache in front of a store of record.
 * @example
 * const store = cachedStore({ cache: kvStore(env.KV), store: d1Store(env.DB) });
 */
export { cachedStore } from "./cached-store.ts";
export type { RequestCookie, SetCookieAttributes } from "./cookie-header.ts";
/**
 * Cookie header parsing and `Set-Cookie` serialization (RFC 6265), never throwing on bad input.
 * @example
 * readRequestCookie(request.headers.get("Cookie"), "sessionid").value
 */
export { MAX_COOKIE_BYTES, readRequestCookie, serializeSetCookie } from "./cookie-header.ts";
/**
 * Encodings used by cookie formats: base64url (unpadded) and Django's base62.
 * @example
 * base62(1700000000) // "1wNsRq"
 */
export { base62, base64url, fromBase62, fromBase64url, utf8 } from "./encoding.ts";
export type { SessionHandle } from "./engine.ts";
/**
 * Opens a request's session (lazily) and commits it onto the response; what bindings are built on.
 * @example
 * const { session, commit } = startSession(request, { store: memoryStore(), secret });
 * await session.set("visits", 1);
 * return commit(new Response("ok"));
 */
export { startSession } from "./engine.ts";
/**
 * Errors, each with a stable `code`.
 * @example
 * if (error instanceof SessionStoreError) return new Response("try later", { status: 503 });
 */
export {
  SessionConfigError,
  SessionError,
  SessionInterruptedError,
  SessionSerializationError,
  SessionStoreError,
  SessionTooLargeError,
} from "./errors.ts";
export type { MemoryStoreOptions } from "./memory-store.ts";
/**
 * Sessions in process memory: the embedded default for development and tests.
 * @example
 * const store = memoryStore();
 */
export { memoryStore } from "./memory-store.ts";
export type { CookieOptions, ResolvedOptions, SessionOptions } from "./options.ts";
/**
 * The options every binding takes, and their validation.
 * @example
 * const options: SessionOptions = { store: memoryStore(), secret: env.SESSION_SECRET };
 */
export { MIN_SECRET_LENGTH, resolveOptions } from "./options.ts";
/**
 * The one serialization of a session's payload (data, flash, expiry) that server stores and encrypted cookies keep.
 * @example
 * parsePayload(serializePayload({ data: { a: 1 }, flash: {}, expiry: undefined }))
 */
export { parsePayload, serializePayload } from "./payload.ts";
/**
 * A bounded cache of promises by key, for keys derived once per secret and isolate.
 * @example
 * const cachedKey = promiseCache<CryptoKey>(256); await cachedKey(secret, () => deriveKey(secret));
 */
export { promiseCache } from "./promise-cache.ts";
/**
 * The 400/503 response for an unhandled session error, or undefined for other errors.
 * @example
 * catch (error) { return sessionErrorResponse(error) ?? Promise.reject(error); }
 */
export { appendVaryCookie, sessionErrorResponse } from "./response.ts";
export type { SessionData } from "./session.ts";
/**
 * One request's session: `get`/`set`/`flush`/`cycleKey`/`setExpiry`…, typed by its data.
 * @example
 * const cart = (await session.get("cart")) ?? [];
 */
export { Session } from "./session.ts";
/**
 * HMAC-SHA256 through WebCrypto with Django's salted key derivation; keys imported once per secret.
 * @example
 * const key = await saltedHmacKey("django.core.signing.Signer" + "signer", secret);
 * const signature = await hmacSign(key, "foo");
 */
export { hmacMatch, hmacSign, hmacVerify, saltedHmacKey, saltedHmacKeys } from "./signing.ts";
export type {
  AnyStore,
  CookieCodecContext,
  CookieSessionStore,
  ExpirySetting,
  SessionPayload,
  SessionStore,
  StoreCapabilities,
  StoredSession,
} from "./store.ts";
/**
 * The store contract: what a server store or a cookie store implements.
 * @example
 * const store: SessionStore = { capabilities: { atomic: true, consistency: "strong" }, get, create, update, delete: remove };
 */
export { isCookieStore } from "./store.ts";

/**
 * A bounded memo of values that verified under a list of secrets (never of rejected ones), for zero-crypto repeat reads.
 * @example
 * const memo = new VerifiedMemo<string>(5_000); memo.set(secrets, cookie, json); memo.get(secrets, cookie);
 */
export { VerifiedMemo } from "./verified-memo.ts";
