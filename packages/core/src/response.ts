import { CsrfError, SessionInterruptedError, SessionStoreError } from "./errors.ts";

/**
 * `response` with `Vary: Cookie` and `Set-Cookie` lines added (§2, §14):
 * in place when its headers are mutable — copying a Response costs more than
 * the rest of a warm read on Node (a new body stream) — and on a copy when
 * they are immutable, as on a Workers `fetch()` response or `Response.redirect()`.
 * @example
 * return withSessionHeaders(response, ["sessionid=…; Path=/; HttpOnly; Secure; SameSite=Lax"]);
 */
export function withSessionHeaders(response: Response, setCookies: readonly string[]): Response {
  try {
    addSessionHeaders(response.headers, setCookies);
    return response;
  } catch (error) {
    // Immutable headers refuse the first change with a TypeError, before anything was changed.
    if (!(error instanceof TypeError)) throw error;
  }
  const copy = new Response(response.body, response);
  addSessionHeaders(copy.headers, setCookies);
  return copy;
}

function addSessionHeaders(headers: Headers, setCookies: readonly string[]): void {
  appendVaryCookie(headers);
  for (const line of setCookies) headers.append("Set-Cookie", line);
}

/**
 * Adds `Cookie` to `Vary`, keeping what is there (RFC 9110 §12.5.5).
 * @example
 * appendVaryCookie(headers); // "Accept-Encoding" becomes "Accept-Encoding, Cookie"
 */
export function appendVaryCookie(headers: Headers): void {
  const vary = headers.get("Vary");
  if (!vary) {
    headers.set("Vary", "Cookie");
    return;
  }
  for (const field of vary.split(",")) {
    const name = field.trim().toLowerCase();
    if (name === "cookie" || name === "*") return;
  }
  headers.set("Vary", `${vary}, Cookie`);
}

/**
 * The response a binding gives for a session error the app did not handle:
 * 400 when a concurrent logout interrupted this request, 403 when the CSRF
 * check failed (naming the reason, never the token), 503 when the store
 * failed. Undefined for any other error, which the binding rethrows.
 * @example
 * catch (error) { return sessionErrorResponse(error) ?? Promise.reject(error); }
 */
export function sessionErrorResponse(error: unknown): Response | undefined {
  if (error instanceof CsrfError) {
    return new Response(`Forbidden (CSRF verification failed): ${error.message}`, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  if (error instanceof SessionInterruptedError) {
    return new Response("The session ended while this request was using it. Please try again.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  if (error instanceof SessionStoreError) {
    return new Response("The session store is unavailable. Please try again shortly.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "1" },
    });
  }
  return undefined;
}
