/**
 * @edge-session/cookie — the whole session in the cookie: signed in Django's
 * exact `signing.dumps` format, or encrypted as a JWE. Every public name of
 * the package is listed here.
 * @module
 */

export type { CookieStoreOptions } from "./cookie-store.ts";
/**
 * A cookie session store: signed (Django-compatible) by default, `{ encrypt: true }` for JWE.
 * @example
 * app.use(session({ store: cookieStore(), secret: env.SESSION_SECRET }));
 */
/**
 * The default salt, `"edge-session.cookie"`: keys for session cookies differ from every other use of the secret.
 * @example
 * cookieStore({ salt: DEFAULT_SALT }) // same as cookieStore()
 */
/**
 * Django's signed_cookies salt: with it and Django's SECRET_KEY, Django and edge-session share one session cookie.
 * @example
 * withSession(handler, { store: cookieStore({ salt: DJANGO_SESSION_SALT }), secret: env.DJANGO_SECRET_KEY });
 */
export { cookieStore, DEFAULT_SALT, DJANGO_SESSION_SALT } from "./cookie-store.ts";
