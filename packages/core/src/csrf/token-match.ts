import { unmaskCsrfToken } from "./mask.ts";
import { CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH, hasCsrfFormat } from "./secret.ts";

/**
 * The secret a session holds under `_csrftoken`, as a 32-character string;
 * undefined when there is none or it is unusable. Django 4.0+ stores the bare
 * secret; Django up to 3.2 stored a masked 64-character token, which is
 * unmasked here, as Django 4's `_get_secret` does, so sessions shared with an
 * older Django site keep working.
 * @example
 * const secret = normalizeCsrfSecret(await session.get("_csrftoken"));
 */
export function normalizeCsrfSecret(stored: unknown): string | undefined {
  if (hasCsrfFormat(stored, CSRF_SECRET_LENGTH)) return stored;
  if (hasCsrfFormat(stored, CSRF_TOKEN_LENGTH)) return unmaskCsrfToken(stored);
  return undefined;
}

/**
 * Whether the token a request carried is right for `secret`: a 64-character
 * masked token or the bare 32-character secret, as Django's `_check_token`
 * and `_does_token_match` accept; any other length or character is refused.
 * The comparison touches every character (no early exit), so its timing
 * says nothing about how much of a guess was right.
 * @example
 * if (!csrfTokenMatches(request.headers.get("X-CSRFToken") ?? "", secret)) return new Response(null, { status: 403 });
 */
export function csrfTokenMatches(requestToken: string, secret: string): boolean {
  const candidate = hasCsrfFormat(requestToken, CSRF_TOKEN_LENGTH)
    ? unmaskCsrfToken(requestToken)
    : hasCsrfFormat(requestToken, CSRF_SECRET_LENGTH)
      ? requestToken
      : undefined;
  if (candidate === undefined || !hasCsrfFormat(secret, CSRF_SECRET_LENGTH)) return false;
  let difference = 0;
  for (let i = 0; i < CSRF_SECRET_LENGTH; i++) difference |= candidate.charCodeAt(i) ^ secret.charCodeAt(i);
  return difference === 0;
}
