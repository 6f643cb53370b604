/**
 * CSRF protection bound to the session, Django's CSRF_USE_SESSIONS model
 * (docs/design.md, "CSRF"): the secret, the masked tokens, where a request
 * carries its token, the origin/referer step and the whole check. The engine
 * wires these into the `csrf` option and `session.csrfToken()`.
 * @module
 */

export { maskCsrfSecret, unmaskCsrfToken } from "./mask.ts";
export type { CsrfOriginOptions, TrustedOrigins } from "./origin.ts";
export { checkCsrfOrigin, isSameDomain, parseTrustedOrigins } from "./origin.ts";
export type { RequestCsrfTokenOptions } from "./request-token.ts";
export { DEFAULT_CSRF_FIELD_NAME, DEFAULT_CSRF_HEADER_NAME, MAX_CSRF_FORM_BYTES, readRequestCsrfToken } from "./request-token.ts";
export {
  CSRF_ALLOWED_CHARS,
  CSRF_SECRET_LENGTH,
  CSRF_SESSION_KEY,
  CSRF_TOKEN_LENGTH,
  hasCsrfFormat,
  newCsrfSecret,
  randomCsrfString,
} from "./secret.ts";
export { csrfTokenMatches, normalizeCsrfSecret } from "./token-match.ts";
export type { ResolvedCsrfOptions } from "./verify.ts";
export { isCsrfSafeMethod, resolveCsrfOptions, verifyCsrfRequest } from "./verify.ts";
