/**
 * Every error edge-session throws is a `SessionError` with a stable `code`,
 * available on the class and on each instance (as jose does), so callers can
 * branch on `err.code` without `instanceof` across bundles. Messages never
 * contain session data, cookie values or tokens (docs/design.md, "Errors").
 */

/** Every `code` a `SessionError` can carry. */
export type SessionErrorCode =
  | "ERR_SESSION"
  | "ERR_SESSION_INTERRUPTED"
  | "ERR_SESSION_STORE"
  | "ERR_SESSION_SERIALIZATION"
  | "ERR_SESSION_VALIDATION"
  | "ERR_SESSION_TOO_LARGE"
  | "ERR_SESSION_CONFIG"
  | "ERR_SESSION_COOKIE"
  | CsrfErrorCode;

/**
 * The base class: `code` says which kind of failure it is.
 * @example
 * if (error instanceof SessionError && error.code === "ERR_SESSION_STORE") console.error(error.cause);
 */
export class SessionError extends Error {
  static readonly code: SessionErrorCode = "ERR_SESSION";
  readonly code: SessionErrorCode = SessionError.code;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The session's record was deleted by a concurrent request (logout in another
 * tab, `flush()`, `cycleKey()`) while this request was changing it. Saving
 * would resurrect it, so the save is refused; the bindings answer 400.
 * @example
 * if (error instanceof SessionInterruptedError) return Response.redirect("/login", 303);
 */
export class SessionInterruptedError extends SessionError {
  static override readonly code = "ERR_SESSION_INTERRUPTED";
  override readonly code = SessionInterruptedError.code;
}

/**
 * The store failed (network, backend down, auth, contention). `cause` holds
 * the original error — whose own message may quote the failed command, so it
 * is kept out of `message`; the bindings answer 503.
 * @example
 * onError: (error) => { if (error instanceof SessionStoreError) console.error(error.operation, error.cause); }
 */
export class SessionStoreError extends SessionError {
  static override readonly code = "ERR_SESSION_STORE";
  override readonly code = SessionStoreError.code;
  /** The store method that failed ("get", "create", "update", "patch", "touch", "delete"), when one did. */
  readonly operation: string | undefined;
  constructor(message: string, options?: { cause?: unknown; operation?: string }) {
    super(message, options);
    this.operation = options?.operation;
  }
}

/**
 * A value that JSON cannot carry unchanged (function, BigInt, cycle, Date,
 * Map, undefined, NaN, -0, too deep…), refused by `set()` with the key named.
 * @example
 * await session.set("when", new Date()); // throws SessionSerializationError, key "when"
 */
export class SessionSerializationError extends SessionError {
  static override readonly code = "ERR_SESSION_SERIALIZATION";
  override readonly code = SessionSerializationError.code;
  /** The session key whose value was refused. */
  readonly key: string;
  constructor(key: string, reason: string) {
    super(`session value for key "${key}" cannot be stored: ${reason}`);
    this.key = key;
  }
}

/**
 * A value that the `schema` option refuses, from `set()`/`update()`/`flash()`;
 * or, reported to `onError` only, stored data that no longer validates (the
 * session is then read as empty). `issues` carry the validator's messages and
 * paths, never the value.
 * @example
 * catch (error) { if (error instanceof SessionValidationError) return new Response(error.message, { status: 422 }); }
 */
export class SessionValidationError extends SessionError {
  static override readonly code = "ERR_SESSION_VALIDATION";
  override readonly code = SessionValidationError.code;
  /** The key whose value was refused; undefined when stored data failed as a whole. */
  readonly key: string | undefined;
  /** What the validator said: messages and paths. */
  readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }>;
  constructor(
    message: string,
    key: string | undefined,
    issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }>,
  ) {
    super(message);
    this.key = key;
    this.issues = issues;
  }
}

/**
 * A cookie would exceed 4096 bytes (RFC 6265 §6.1, the size browsers
 * honour), or a chunked session more cookies than `maxChunks`; browsers drop
 * such cookies silently, so the save fails instead.
 * @example
 * catch (error) { if (error instanceof SessionTooLargeError) console.error(error.size); }
 */
export class SessionTooLargeError extends SessionError {
  static override readonly code = "ERR_SESSION_TOO_LARGE";
  override readonly code = SessionTooLargeError.code;
  /** Bytes the cookie (name=value), or all the chunks together, would have taken. */
  readonly size: number;
  constructor(size: number, limit: number, detail = `over the ${limit}-byte limit browsers keep`) {
    super(`session cookie would be ${size} bytes, ${detail}`);
    this.size = size;
  }
}

/**
 * The options are unusable: missing or short secret, bad cookie settings, a
 * store that does not meet the contract. The message names the option and entry.
 * @example
 * new SessionConfigError("secret[1] is missing (undefined)")
 */
export class SessionConfigError extends SessionError {
  static override readonly code = "ERR_SESSION_CONFIG";
  override readonly code = SessionConfigError.code;
}

/** Why a request's session cookie was not used. */
export type CookieRejectionReason = "malformed" | "bad-signature" | "bad-payload" | "expired" | "invalid-data";

/**
 * Reported to `onError` (never thrown to the app) when the request carried a
 * session cookie that was not used: malformed, signed or encrypted with no
 * known secret, unreadable, expired, or (with a schema) invalid. The session
 * is then empty. Carries the reason only, never the cookie's value.
 * @example
 * onError: (error) => { if (error instanceof SessionCookieError) metrics.count(`cookie.${error.reason}`); }
 */
export class SessionCookieError extends SessionError {
  static override readonly code = "ERR_SESSION_COOKIE";
  override readonly code = SessionCookieError.code;
  /** Why the cookie was refused. */
  readonly reason: CookieRejectionReason;
  constructor(reason: CookieRejectionReason) {
    super(`the session cookie was not used: ${reason}`);
    this.reason = reason;
  }
}

/** The codes of `CsrfError`, one per reason (Django's REASON_* messages). */
export type CsrfErrorCode = "ERR_CSRF_MISSING_TOKEN" | "ERR_CSRF_BAD_TOKEN" | "ERR_CSRF_BAD_ORIGIN" | "ERR_CSRF_BAD_REFERER";

/**
 * An unsafe request failed the CSRF check (the `csrf` option); the bindings
 * answer 403 before the handler runs. The message names the reason, never the token.
 * @example
 * if (error instanceof CsrfError && error.code === "ERR_CSRF_BAD_ORIGIN") console.warn(error.message);
 */
export class CsrfError extends SessionError {
  override readonly code: CsrfErrorCode;
  constructor(code: CsrfErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
