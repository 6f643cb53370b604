// The CSRF secret of Django's CSRF_USE_SESSIONS model (docs/design.md, "CSRF"):
// 32 characters of [A-Za-z0-9] kept in the session under Django's key.

/**
 * Django's CSRF_ALLOWED_CHARS: `string.ascii_letters + string.digits`, in that order (the masking depends on it).
 * @example
 * CSRF_ALLOWED_CHARS.indexOf("A") // 26
 */
export const CSRF_ALLOWED_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * Django's CSRF_SECRET_LENGTH.
 * @example
 * newCsrfSecret().length === CSRF_SECRET_LENGTH // true
 */
export const CSRF_SECRET_LENGTH = 32;

/**
 * Django's CSRF_TOKEN_LENGTH: a 32-character mask, then the 32-character cipher.
 * @example
 * maskCsrfSecret(secret).length === CSRF_TOKEN_LENGTH // true
 */
export const CSRF_TOKEN_LENGTH = 64;

/**
 * Django's CSRF_SESSION_KEY: where the secret lives in the session data.
 * @example
 * const secret = normalizeCsrfSecret(await session.get(CSRF_SESSION_KEY));
 */
export const CSRF_SESSION_KEY = "_csrftoken";

// 248 = 4 × 62: bytes from 248 up are rejected, so `byte % 62` is uniform (no modulo bias).
const UNBIASED_LIMIT = 248;

/**
 * `length` characters drawn uniformly from {@link CSRF_ALLOWED_CHARS} with
 * `crypto.getRandomValues` — Django's `get_random_string(32, CSRF_ALLOWED_CHARS)`.
 * @example
 * const mask = randomCsrfString(32);
 */
export function randomCsrfString(length: number): string {
  let out = "";
  while (out.length < length) {
    // 40 bytes for 32 characters leaves room for the ~3% rejected bytes; loop if unlucky.
    // getRandomValues refuses more than 65,536 bytes per call (WebCrypto's QuotaExceededError).
    const bytes = crypto.getRandomValues(new Uint8Array(Math.min(length - out.length + 8, 65_536)));
    for (const byte of bytes) {
      if (byte < UNBIASED_LIMIT && out.length < length) out += CSRF_ALLOWED_CHARS[byte % 62];
    }
  }
  return out;
}

/**
 * A new CSRF secret: 32 random characters of `[A-Za-z0-9]`, Django's `_get_new_csrf_string()`.
 * @example
 * await session.set(CSRF_SESSION_KEY, newCsrfSecret());
 */
export function newCsrfSecret(): string {
  return randomCsrfString(CSRF_SECRET_LENGTH);
}

const FORMAT = /^[A-Za-z0-9]*$/;

/**
 * Whether `value` is a string of `length` characters of `[A-Za-z0-9]` (Django's `_check_token_format`).
 * @example
 * hasCsrfFormat(token, CSRF_TOKEN_LENGTH) // a 64-character alphanumeric string
 */
export function hasCsrfFormat(value: unknown, length: number): value is string {
  return typeof value === "string" && value.length === length && FORMAT.test(value);
}
