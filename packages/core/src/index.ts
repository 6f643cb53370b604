/**
 * @edge-session/core — Django's session framework for the Fetch API.
 *
 * This is the app API: open a request's session, use it, commit it onto the
 * response. Store and codec authors find their building blocks in
 * `@edge-session/core/kit`, and the conformance suites in
 * `@edge-session/core/testing` (docs/design.md, "Core's two faces").
 * @module
 */

export type { CachedStoreOptions } from "./cached-store.ts";
export { cachedStore } from "./cached-store.ts";
export type { SessionHandle } from "./engine/start-session.ts";
export { startSession } from "./engine/start-session.ts";
export type { CookieRejectionReason, CsrfErrorCode, SessionErrorCode } from "./errors.ts";
export {
  CsrfError,
  SessionConfigError,
  SessionCookieError,
  SessionError,
  SessionInterruptedError,
  SessionSerializationError,
  SessionStoreError,
  SessionTooLargeError,
  SessionValidationError,
} from "./errors.ts";
export type { JsonChecked, JsonData, JsonField, JsonObject, JsonPrimitive, JsonValue, NotJson } from "./json-types.ts";
export type { MemoryStoreOptions } from "./memory-store.ts";
export { memoryStore } from "./memory-store.ts";
export type { CookieOptions, CsrfOptions, ErrorHook, SessionOptions } from "./options.ts";
export { sessionErrorResponse } from "./response.ts";
export type { SessionData, SessionKey } from "./session.ts";
export { Session } from "./session.ts";
export type { InferSchemaOutput, StandardIssue, StandardResult, StandardSchemaV1 } from "./standard-schema.ts";
export type { AnyStore, SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "./store.ts";
