import type { Session, SessionOptions } from "@edge-session/core";
import { sessionErrorResponse, startSession } from "@edge-session/core";
import { resolveOptions } from "@edge-session/core/kit";
import type { Context, MiddlewareHandler } from "hono";

declare module "hono" {
  interface ContextVariableMap {
    /** The request's session, set by the `session()` middleware. */
    session: Session;
  }
}

/** Options, or a function of the Hono context returning them (to read `c.env` bindings per request). */
export type HonoSessionOptions = SessionOptions | ((c: Context) => SessionOptions);

/**
 * Hono middleware: `c.var.session` is the request's lazy session, and the
 * response carries its cookie. An unhandled `SessionInterruptedError` becomes
 * a 400 and a `SessionStoreError` a 503.
 */
export function session(options: HonoSessionOptions): MiddlewareHandler {
  if (typeof options !== "function") resolveOptions(options);
  return async (c, next) => {
    const handle = startSession(c.req.raw, typeof options === "function" ? options(c) : options);
    c.set("session", handle.session);
    await next();
    // Hono catches handler errors and records them on c.error before we get here.
    const failed = c.error ? sessionErrorResponse(c.error) : undefined;
    let response: Response;
    if (failed) {
      response = failed;
    } else {
      try {
        response = await handle.commit(c.res);
      } catch (error) {
        const fallback = sessionErrorResponse(error);
        if (!fallback) throw error;
        response = fallback;
      }
    }
    if (response === c.res) return; // untouched session: nothing to add
    // Hono's `res` setter merges the old response's headers over the new one,
    // which would drop our Set-Cookie and Vary; clearing it first skips the merge.
    c.res = undefined;
    c.res = response;
  };
}
