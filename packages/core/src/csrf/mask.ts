import { SessionError } from "../errors.ts";
import { CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH, hasCsrfFormat, randomCsrfString } from "./secret.ts";

// Django's _mask_cipher_secret / _unmask_cipher_token (unchanged since 1.10): a fresh
// random mask per token, so the token on every page differs while the secret stays
// put — compression side channels (BREACH) cannot recover a value that keeps changing.

const INDEX = new Map<string, number>();
for (let i = 0; i < CSRF_ALLOWED_CHARS.length; i++) INDEX.set(CSRF_ALLOWED_CHARS[i]!, i);

/**
 * A fresh 64-character token for `secret`: a random 32-character mask, then
 * each secret character shifted by the mask character's index in the
 * 62-character alphabet. Throws a `SessionError` if `secret` is not 32 characters of `[A-Za-z0-9]`.
 * @example
 * const token = maskCsrfSecret(secret); // put it in the form's csrfmiddlewaretoken field
 */
export function maskCsrfSecret(secret: string): string {
  if (!hasCsrfFormat(secret, CSRF_SECRET_LENGTH)) throw new SessionError("a CSRF secret must be 32 characters of [A-Za-z0-9]");
  const mask = randomCsrfString(CSRF_SECRET_LENGTH);
  let cipher = "";
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) {
    cipher += CSRF_ALLOWED_CHARS[(INDEX.get(secret[i]!)! + INDEX.get(mask[i]!)!) % 62];
  }
  return mask + cipher;
}

/**
 * The secret inside a 64-character masked token; undefined for anything that
 * is not 64 characters of `[A-Za-z0-9]`.
 * @example
 * unmaskCsrfToken(maskCsrfSecret(secret)) === secret // true
 */
export function unmaskCsrfToken(token: string): string | undefined {
  if (!hasCsrfFormat(token, CSRF_TOKEN_LENGTH)) return undefined;
  let secret = "";
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) {
    // Django writes chars[x - y] and lets Python's negative indexing wrap; + 62 does the same.
    secret += CSRF_ALLOWED_CHARS[(INDEX.get(token[CSRF_SECRET_LENGTH + i]!)! - INDEX.get(token[i]!)! + 62) % 62];
  }
  return secret;
}
