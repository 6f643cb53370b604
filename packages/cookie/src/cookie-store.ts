import { SessionConfigError } from "@edge-session/core";
import type { CookieSessionStore } from "@edge-session/core/kit";
import { cookieCodecStore } from "./cookie-codec-store.ts";
import { fromDjangoSessionJson, toDjangoSessionJson } from "./django-payload.ts";
import { djangoDumps, djangoLoads } from "./django-signing.ts";
import { type CommonCookieOptions, resolveCookieOptions } from "./store-options.ts";

/**
 * Options of {@link cookieStore}.
 * @example
 * const options: CookieStoreOptions = { salt: DJANGO_SESSION_SALT, maxChunks: 1 };
 */
export interface CookieStoreOptions extends CommonCookieOptions {
  /**
   * zlib-compress when it saves space [true, as Django's signed_cookies
   * backend does]. Only session JSON of 1 KiB or more is tried.
   */
  compress?: boolean;
}

/**
 * The salt of Django's `django.contrib.sessions.backends.signed_cookies`: use it to share cookies with Django.
 * @example
 * withSession(handler, { store: cookieStore({ salt: DJANGO_SESSION_SALT }), secret: env.DJANGO_SECRET_KEY });
 */
export const DJANGO_SESSION_SALT = "django.contrib.sessions.backends.signed_cookies";

/**
 * Signed mode tries zlib only for session JSON of 1 KiB or more. A
 * CompressionStream costs ~100–500 µs to set up on Node and workerd, more than
 * the whole rest of a request; below 1 KiB compression saves a few hundred
 * bytes of a 4096-byte budget at best. And compressed cookies cannot be
 * byte-identical to Django's anyway: Node and workerd ship Chromium's zlib,
 * whose deflate output differs from CPython's zlib (both sides still read each other).
 */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A session store that keeps the whole session in the cookie, signed in
 * Django's `signing.dumps` format (readable by the browser, not forgeable).
 * Stateless: a cookie stays valid until it expires, whatever happened since.
 * For a cookie the browser cannot read, use `encryptedCookieStore()` from
 * `@edge-session/cookie/encrypted` (a separate entry, so signed-only Workers
 * carry no JWE code).
 * @example
 * withSession(handler, { store: cookieStore(), secret: env.SESSION_SECRET });
 * withSession(handler, { store: cookieStore({ maxChunks: 3 }), secret: env.SESSION_SECRET }); // up to ~12 KB
 */
export function cookieStore(options: CookieStoreOptions = {}): CookieSessionStore {
  const limits = resolveCookieOptions("cookieStore", options);
  if ((options as { encrypt?: unknown }).encrypt !== undefined) {
    throw new SessionConfigError('cookieStore has no encrypt option: use encryptedCookieStore() from "@edge-session/cookie/encrypted"');
  }
  const compress = options.compress ?? true;
  return cookieCodecStore("cookieStore", limits, {
    seal: (payload, { salt, secret, now }) =>
      djangoDumps(toDjangoSessionJson(payload), { salt, secret, now, compress, compressFrom: COMPRESS_FROM_BYTES }),
    async open(value, keys) {
      const loaded = await djangoLoads(value, keys);
      if (typeof loaded === "string") return loaded;
      const payload = fromDjangoSessionJson(loaded.json);
      return payload ? { payload, issuedAt: loaded.timestamp * 1000 } : "bad-payload";
    },
  });
}
