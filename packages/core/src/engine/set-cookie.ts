import { serializeSetCookie } from "../cookie-header.ts";
import { expiresAtBrowserClose, expiryAge } from "../expiry.ts";
import type { ResolvedOptions } from "../options.ts";
import type { ExpirySetting } from "../store.ts";

/**
 * The session cookie `name=value` with the attributes from the options and
 * Max-Age/Expires from the session's expiry, or neither when it ends with the
 * browser (§4, Django's `process_response`).
 */
export function sessionCookieLine(options: ResolvedOptions, name: string, value: string, expiry: ExpirySetting | undefined): string {
  const now = options.now();
  const atClose = expiresAtBrowserClose(expiry, options.expireAtBrowserClose);
  const age = atClose ? undefined : Math.max(0, expiryAge(expiry, now, options.cookie.maxAge));
  return serializeSetCookie(name, value, {
    ...options.cookie,
    maxAge: age,
    expires: age === undefined ? undefined : new Date(now + age * 1000),
  });
}

/** Removes a cookie: same name, path and domain, Max-Age=0 (RFC 6265 §3.1). */
export function removalCookieLine(options: ResolvedOptions, name: string): string {
  return serializeSetCookie(name, "", { ...options.cookie, maxAge: 0, expires: new Date(0) });
}
