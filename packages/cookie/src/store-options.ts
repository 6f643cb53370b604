import { SessionConfigError, SessionTooLargeError } from "@edge-session/core";
import type { CookieCodecContext } from "@edge-session/core/kit";
import { MAX_COOKIE_BYTES } from "@edge-session/core/kit";

// What the signed and the encrypted cookie stores share: option checks, the
// size budget and the issue-time bound (docs/design.md, "Cookies").

/**
 * The default salt: keys for edge-session cookies differ from every other use of the secret.
 * @example
 * cookieStore({ salt: DEFAULT_SALT }) // the same as cookieStore()
 */
export const DEFAULT_SALT = "edge-session.cookie";

/**
 * The latest issue time a cookie may carry, in Unix seconds: 9999-12-31T23:59:59Z,
 * the last instant JS Dates and Python datetimes both hold.
 * @example
 * if (iat > MAX_TIMESTAMP) return "malformed";
 */
export const MAX_TIMESTAMP = 253_402_300_799;

/**
 * Most cookies one session may span. Browsers keep at least 50 cookies per
 * domain (RFC 6265 §6.1), and every chunk travels with every request.
 * @example
 * cookieStore({ maxChunks: MAX_CHUNKS }) // the most allowed
 */
export const MAX_CHUNKS = 50;

/**
 * Cap on decompressed session JSON per chunk's worth of cookie. A 4096-byte
 * cookie deflates to at most a few tens of KiB of real session data; anything
 * bigger is a zip bomb (possible only with the secret, since the signature or
 * tag is checked first — defence in depth, not the primary guard).
 * @example
 * await zlibDecompress(bytes, maxChunks * MAX_INFLATED_BYTES_PER_CHUNK);
 */
export const MAX_INFLATED_BYTES_PER_CHUNK = 64 * 1024;

/**
 * The options both cookie stores take.
 * @example
 * const options: CommonCookieOptions = { salt: "my-app.session", maxChunks: 3 };
 */
export interface CommonCookieOptions {
  /**
   * Separates this cookie's keys from every other use of the secret
   * [`"edge-session.cookie"`]. To share sessions with Django, use
   * `DJANGO_SESSION_SALT` and Django's SECRET_KEY as the secret.
   */
  salt?: string;
  /**
   * How many cookies (`name`, `name.1`, …) one session may span [1]: with 1,
   * a session over 4096 bytes is a `SessionTooLargeError`, as before; with
   * more, the engine splits the value and joins it on read. Django reads
   * only single-cookie sessions (docs/design.md, "Cookies").
   */
  maxChunks?: number;
}

/**
 * Validated common options, and the byte limits they imply.
 * @example
 * const { maxValueBytes }: ResolvedCookieOptions = resolveCookieOptions("cookieStore", { maxChunks: 2 }); // 8192
 */
export interface ResolvedCookieOptions {
  readonly salt: string;
  readonly maxChunks: number;
  /** The longest value the store writes or reads: one cookie's limit per chunk. */
  readonly maxValueBytes: number;
  /** The most decompressed bytes a value may inflate to. */
  readonly maxInflatedBytes: number;
}

/**
 * Checks `options` (an object; `salt` a non-empty string; `maxChunks` an
 * integer 1…50), throwing `SessionConfigError` naming the option.
 * @example
 * const { salt, maxChunks } = resolveCookieOptions("cookieStore", options);
 */
export function resolveCookieOptions(factory: string, options: CommonCookieOptions): ResolvedCookieOptions {
  if (typeof options !== "object" || options === null) throw new SessionConfigError(`${factory} options must be an object`);
  const salt = options.salt ?? DEFAULT_SALT;
  if (typeof salt !== "string" || salt.length === 0) throw new SessionConfigError(`${factory} salt must be a non-empty string`);
  const maxChunks = options.maxChunks ?? 1;
  if (!Number.isInteger(maxChunks) || maxChunks < 1 || maxChunks > MAX_CHUNKS) {
    throw new SessionConfigError(`${factory} maxChunks must be an integer from 1 to ${MAX_CHUNKS}`);
  }
  return {
    salt,
    maxChunks,
    maxValueBytes: maxChunks * MAX_COOKIE_BYTES,
    maxInflatedBytes: maxChunks * MAX_INFLATED_BYTES_PER_CHUNK,
  };
}

/**
 * The secret that signs or encrypts: the first of the list.
 * @example
 * const secret = signingSecret("cookieStore", context); // context.secrets[0]
 */
export function signingSecret(factory: string, context: CookieCodecContext): string {
  const secret = context.secrets[0];
  if (typeof secret !== "string" || secret.length === 0) throw new SessionConfigError(`${factory} needs a secret to sign with`);
  return secret;
}

/**
 * No oversized value ever leaves the store: at most one cookie's 4096 bytes
 * per allowed chunk. The engine checks the exact Set-Cookie sizes (name and
 * attributes included) when it splits, so this bound is the store's own floor
 * and the engine's error is the precise one.
 * @example
 * return checkSize(await djangoDumps(json, dumpsOptions), limits);
 */
export function checkSize(value: string, limits: ResolvedCookieOptions): string {
  if (value.length > limits.maxValueBytes) {
    const detail =
      limits.maxChunks === 1
        ? `over the ${MAX_COOKIE_BYTES}-byte limit browsers keep`
        : `over ${limits.maxChunks} cookies of ${MAX_COOKIE_BYTES} bytes (maxChunks)`;
    throw new SessionTooLargeError(value.length, limits.maxValueBytes, detail);
  }
  return value;
}
