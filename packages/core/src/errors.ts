/**
 * Every error edge-session throws is a `SessionError` with a stable `code`,
 * available on the class and on each instance (as jose does), so callers can
 * branch on `err.code` without `instanceof` across bundles.
 */
export class SessionError extends Error {
  static readonly code: string = "ERR_SESSION";
  readonly code: string = SessionError.code;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The session's record was deleted by a concurrent request (logout in another
 * tab, `flush()`, `cycleKey()`) while this request was changing it. Saving
 * would resurrect it, so the save is refused; the bindings answer 400.
 */
export class SessionInterruptedError extends SessionError {
  static override readonly code = "ERR_SESSION_INTERRUPTED";
  override readonly code = SessionInterruptedError.code;
}

/** The store failed (network, backend down, auth, contention). `cause` holds the original error; the bindings answer 503. */
export class SessionStoreError extends SessionError {
  static override readonly code = "ERR_SESSION_STORE";
  override readonly code = SessionStoreError.code;
}

/** A value that JSON cannot carry unchanged (function, BigInt, cycle, Date, Map, undefined, NaN…). */
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

/** A cookie would exceed 4096 bytes (RFC 6265 §6.1 minimum that browsers honour); browsers drop such cookies silently. */
export class SessionTooLargeError extends SessionError {
  static override readonly code = "ERR_SESSION_TOO_LARGE";
  override readonly code = SessionTooLargeError.code;
  /** Bytes the cookie (name=value) would have taken. */
  readonly size: number;
  constructor(size: number, limit: number) {
    super(`session cookie would be ${size} bytes, over the ${limit}-byte limit browsers keep`);
    this.size = size;
  }
}

/** The options are unusable: missing or short secret, bad cookie settings, a store that does not meet the contract. */
export class SessionConfigError extends SessionError {
  static override readonly code = "ERR_SESSION_CONFIG";
  override readonly code = SessionConfigError.code;
}
