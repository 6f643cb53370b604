import { CsrfError } from "../errors.ts";
import type { CsrfOptions } from "../options.ts";
import { checkCsrfOrigin, parseTrustedOrigins, type TrustedOrigins } from "./origin.ts";
import { DEFAULT_CSRF_FIELD_NAME, DEFAULT_CSRF_HEADER_NAME, readRequestCsrfToken } from "./request-token.ts";
import { CSRF_SECRET_LENGTH, CSRF_TOKEN_LENGTH, hasCsrfFormat } from "./secret.ts";
import { csrfTokenMatches, normalizeCsrfSecret } from "./token-match.ts";

/**
 * The `csrf` option, validated once at start-up.
 * @example
 * const csrf: ResolvedCsrfOptions | undefined = resolveCsrfOptions(true);
 */
export interface ResolvedCsrfOptions {
  readonly trustedOrigins: TrustedOrigins;
  readonly headerName: string;
  readonly fieldName: string;
  /** The session cookie's Domain, for the Referer rule (see `checkCsrfOrigin`). */
  readonly cookieDomain: string | undefined;
}

/**
 * Validates the `csrf` option (`true` or `{ trustedOrigins, headerName,
 * fieldName }`) once, so a bad trusted origin fails at start-up with a
 * `SessionConfigError` and no request re-parses it. `undefined`/`false` → undefined (CSRF off).
 * @example
 * const csrf = resolveCsrfOptions(options.csrf, { cookieDomain: options.cookie?.domain });
 */
export function resolveCsrfOptions(
  option: boolean | CsrfOptions | undefined,
  context: { cookieDomain?: string | undefined } = {},
): ResolvedCsrfOptions | undefined {
  if (option === undefined || option === false) return undefined;
  const settings: CsrfOptions = option === true ? {} : option;
  return {
    trustedOrigins: parseTrustedOrigins(settings.trustedOrigins ?? []),
    headerName: settings.headerName ?? DEFAULT_CSRF_HEADER_NAME,
    fieldName: settings.fieldName ?? DEFAULT_CSRF_FIELD_NAME,
    cookieDomain: context.cookieDomain,
  };
}

/** RFC 9110 §9.2.1's safe methods, as Django lists them: no CSRF check. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Whether `method` needs no CSRF check (GET, HEAD, OPTIONS, TRACE).
 * @example
 * if (!isCsrfSafeMethod(request.method)) await verifyCsrfRequest(request, secret, csrf);
 */
export function isCsrfSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The whole CSRF check of Django's CsrfViewMiddleware with CSRF_USE_SESSIONS,
 * for a request and the secret its session holds (under `_csrftoken`; a
 * Django-3.2 masked value is accepted). Returns for safe methods and for
 * unsafe requests that pass; otherwise throws a `CsrfError`, in Django's order:
 * 1. the origin step (`ERR_CSRF_BAD_ORIGIN` / `ERR_CSRF_BAD_REFERER`, see `checkCsrfOrigin`);
 * 2. the session has no usable secret → `ERR_CSRF_BAD_TOKEN` (Django's "CSRF
 *    cookie not set": no token the request could carry is right, and the body is not read);
 * 3. the request carries no token → `ERR_CSRF_MISSING_TOKEN`;
 * 4. the token has the wrong length or characters, or does not match → `ERR_CSRF_BAD_TOKEN`.
 * @example
 * await verifyCsrfRequest(request, await session.get("_csrftoken"), resolveCsrfOptions(true)!);
 */
export async function verifyCsrfRequest(
  request: Request,
  secret: string | undefined,
  options: ResolvedCsrfOptions | CsrfOptions = {},
): Promise<void> {
  if (isCsrfSafeMethod(request.method)) return;
  const resolved = isResolved(options) ? options : resolveCsrfOptions(options)!;
  const originFailure = checkCsrfOrigin(request, { trustedOrigins: resolved.trustedOrigins, cookieDomain: resolved.cookieDomain });
  if (originFailure) throw originFailure;
  const sessionSecret = normalizeCsrfSecret(secret);
  if (sessionSecret === undefined) throw new CsrfError("ERR_CSRF_BAD_TOKEN", "CSRF token incorrect: the session holds no CSRF secret.");
  const token = await readRequestCsrfToken(request, { headerName: resolved.headerName, fieldName: resolved.fieldName });
  if (token === undefined) throw new CsrfError("ERR_CSRF_MISSING_TOKEN", "CSRF token missing.");
  // Django's _check_token_format: the length first, then the characters.
  if (token.length !== CSRF_TOKEN_LENGTH && token.length !== CSRF_SECRET_LENGTH) {
    throw new CsrfError("ERR_CSRF_BAD_TOKEN", "CSRF token has incorrect length.");
  }
  if (!hasCsrfFormat(token, token.length)) throw new CsrfError("ERR_CSRF_BAD_TOKEN", "CSRF token has invalid characters.");
  if (!csrfTokenMatches(token, sessionSecret)) throw new CsrfError("ERR_CSRF_BAD_TOKEN", "CSRF token incorrect.");
}

function isResolved(options: ResolvedCsrfOptions | CsrfOptions): options is ResolvedCsrfOptions {
  const trusted = (options as ResolvedCsrfOptions).trustedOrigins;
  return typeof trusted === "object" && trusted !== null && !Array.isArray(trusted) && "exact" in trusted;
}
