import { CsrfError, SessionConfigError } from "../errors.ts";

// Django 4's CsrfViewMiddleware origin step (docs/design.md, "CSRF"): an Origin
// header must name this site or a trusted origin; without one, a secure request's
// Referer must (Django's _check_referer). Our one addition: a browser's
// `Sec-Fetch-Site: same-origin` (a forbidden header, which pages cannot forge)
// passes this step too, so a proxy that rewrites the Host does not lock out the site itself.

/**
 * Trusted origins, parsed once: exact ones, and wildcard ones by scheme (Django's allowed_origin_subdomains).
 * @example
 * const trusted: TrustedOrigins = parseTrustedOrigins(["https://*.example.com"]);
 */
export interface TrustedOrigins {
  readonly exact: ReadonlySet<string>;
  /** `https://*.example.com` → scheme "https", pattern ".example.com" (Django's `netloc.lstrip("*")`). */
  readonly wildcards: ReadonlyArray<{ readonly scheme: string; readonly pattern: string }>;
  /** Every trusted origin's host pattern, for the Referer check (Django's csrf_trusted_origins_hosts). */
  readonly hosts: readonly string[];
}

const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^/?#*\s]+)$/i;

/**
 * Parses Django-style CSRF_TRUSTED_ORIGINS: `scheme://host[:port]`, or
 * `scheme://*.example.com` for every subdomain (and example.com itself).
 * Throws `SessionConfigError` naming the entry for anything else (Django 4
 * refuses entries without a scheme, system check 4_0.E001).
 * @example
 * const trusted = parseTrustedOrigins(["https://app.example.com", "https://*.example.org"]);
 */
export function parseTrustedOrigins(origins: readonly string[] = []): TrustedOrigins {
  if (!Array.isArray(origins)) throw new SessionConfigError("csrf.trustedOrigins must be an array of origins");
  const exact = new Set<string>();
  const wildcards: { scheme: string; pattern: string }[] = [];
  const hosts: string[] = [];
  origins.forEach((origin, i) => {
    const match = typeof origin === "string" ? ORIGIN.exec(origin) : null;
    if (!match) throw new SessionConfigError(`csrf.trustedOrigins[${i}] must be scheme://host[:port] or scheme://*.domain`);
    const [, scheme, star, host] = match as unknown as [string, string, string | undefined, string];
    const lower = `${scheme.toLowerCase()}://${host.toLowerCase()}`;
    if (star) {
      wildcards.push({ scheme: scheme.toLowerCase(), pattern: `.${host.toLowerCase()}` });
      hosts.push(`.${host.toLowerCase()}`);
    } else {
      exact.add(lower);
      hosts.push(host.toLowerCase());
    }
  });
  return { exact, wildcards, hosts };
}

/**
 * Django's `is_same_domain`: `pattern` equals `host`, or starts with a dot and
 * `host` is that domain or one of its subdomains. Ports are part of both.
 * @example
 * isSameDomain("shop.example.com", ".example.com") // true
 */
export function isSameDomain(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith(".") ? h.endsWith(p) || h === p.slice(1) : h === p;
}

/**
 * Options of {@link checkCsrfOrigin}.
 * @example
 * checkCsrfOrigin(request, { trustedOrigins: ["https://admin.example.com"], cookieDomain: ".example.com" });
 */
export interface CsrfOriginOptions {
  /** Origins besides the request's own that may send unsafe requests (Django's CSRF_TRUSTED_ORIGINS), raw or parsed. */
  trustedOrigins?: readonly string[] | TrustedOrigins;
  /**
   * The session cookie's Domain attribute, if set: then a Referer from that
   * domain (`.example.com`: and its subdomains) passes instead of only this
   * host, as Django uses SESSION_COOKIE_DOMAIN with CSRF_USE_SESSIONS.
   */
  cookieDomain?: string;
}

/**
 * The origin step of the CSRF check for an unsafe request: a `CsrfError`
 * (`ERR_CSRF_BAD_ORIGIN` or `ERR_CSRF_BAD_REFERER`) when the request may come
 * from another site, undefined when it passes. Rules, in order:
 * `Sec-Fetch-Site: same-origin` passes; an `Origin` header must be the
 * request's own origin (from `request.url`) or trusted; with neither, on
 * HTTPS, the `Referer` must be present, https, and this host or a trusted one.
 * Plain-HTTP requests without Origin pass this step (as in Django); the token still has to match.
 * @example
 * const failure = checkCsrfOrigin(request, { trustedOrigins: ["https://admin.example.com"] });
 * if (failure) throw failure;
 */
export function checkCsrfOrigin(request: Request, options: CsrfOriginOptions = {}): CsrfError | undefined {
  if (request.headers.get("sec-fetch-site") === "same-origin") return undefined;
  const trusted = isParsed(options.trustedOrigins) ? options.trustedOrigins : parseTrustedOrigins(options.trustedOrigins);
  const url = new URL(request.url);
  const origin = request.headers.get("origin");
  if (origin !== null) {
    return originTrusted(origin, url, trusted)
      ? undefined
      : new CsrfError("ERR_CSRF_BAD_ORIGIN", "Origin checking failed: the Origin header does not match any trusted origins.");
  }
  if (url.protocol !== "https:") return undefined;
  return checkReferer(request.headers.get("referer"), refererHost(url, options.cookieDomain), trusted);
}

/** The host a same-site Referer must match: the cookie domain with a non-default port, else the request's host (Django's good_referer). */
function refererHost(url: URL, cookieDomain: string | undefined): string {
  if (!cookieDomain) return url.host;
  return url.port ? `${cookieDomain}:${url.port}` : cookieDomain;
}

function isParsed(value: CsrfOriginOptions["trustedOrigins"]): value is TrustedOrigins {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Django's `_origin_verified`. */
function originTrusted(origin: string, url: URL, trusted: TrustedOrigins): boolean {
  if (origin === url.origin || trusted.exact.has(origin.toLowerCase())) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed or privacy-sensitive contexts) and garbage match nothing
  }
  const scheme = parsed.protocol.slice(0, -1);
  return trusted.wildcards.some((w) => w.scheme === scheme && isSameDomain(parsed.host, w.pattern));
}

/** Django's `_check_referer` (REASON_NO_REFERER, REASON_MALFORMED_REFERER, REASON_INSECURE_REFERER, REASON_BAD_REFERER). */
function checkReferer(referer: string | null, ownHost: string, trusted: TrustedOrigins): CsrfError | undefined {
  // The messages never quote the Referer: it is a URL the attacker chose and may carry a token.
  if (referer === null) return new CsrfError("ERR_CSRF_BAD_REFERER", "Referer checking failed: no Referer.");
  let parsed: URL;
  try {
    parsed = new URL(referer);
  } catch {
    return new CsrfError("ERR_CSRF_BAD_REFERER", "Referer checking failed: Referer is malformed.");
  }
  if (parsed.host === "") return new CsrfError("ERR_CSRF_BAD_REFERER", "Referer checking failed: Referer is malformed.");
  if (parsed.protocol !== "https:") {
    return new CsrfError("ERR_CSRF_BAD_REFERER", "Referer checking failed: Referer is insecure while host is secure.");
  }
  if (isSameDomain(parsed.host, ownHost) || trusted.hosts.some((host) => isSameDomain(parsed.host, host))) return undefined;
  return new CsrfError("ERR_CSRF_BAD_REFERER", "Referer checking failed: the Referer does not match any trusted origins.");
}
