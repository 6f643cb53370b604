import type { JsonData, Session, SessionData, SessionOptions } from "@edge-session/core";
import { startSession } from "@edge-session/core";
import { resolveOptions } from "@edge-session/core/kit";
import type { Context, Env, MiddlewareHandler } from "hono";

/**
 * The Hono `Env` part the middleware adds: `c.var.session` is a
 * `Session<Data>`. Merge it into the app's own Env when routes are declared
 * apart from `app.use(session(...))` (docs/design.md, "Bindings").
 * @example
 * type AppEnv = { Bindings: { SESSION_SECRET: string } } & SessionEnv<{ visits?: number }>;
 * const app = new Hono<AppEnv>();
 */
export type SessionEnv<Data extends JsonData<Data> = SessionData> = {
  Variables: { session: Session<Data> };
};

/**
 * Options, or a function of the Hono context returning them, typed by the
 * app's Env so that `c.env` carries the app's bindings (read per request).
 * @example
 * const options: HonoSessionOptions<{ visits: number }, { Bindings: { SESSION_SECRET: string } }> =
 *   (c) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET });
 */
export type HonoSessionOptions<Data extends JsonData<Data> = SessionData, E extends Env = Env> =
  | SessionOptions<Data>
  | ((c: Context<E>) => SessionOptions<Data>);

/**
 * Hono middleware: `c.var.session` is the request's lazy `Session<Data>`, and
 * the response carries its cookie. `Data` comes from the type argument, or
 * from the `schema` option's output; it must be JSON-shaped. A session error
 * (store down, interrupted save, failed CSRF check) is answered by the
 * engine's `fail()` (400/403/503, reported to `onError`); any other error is
 * left to the app's `onError`.
 * @example
 * const app = new Hono<{ Bindings: { SESSION_SECRET: string } }>()
 *   .use(session<{ visits?: number }>((c) => ({ store: cookieStore(), secret: c.env.SESSION_SECRET })))
 *   .get("/", async (c) => {
 *     const visits = ((await c.var.session.get("visits")) ?? 0) + 1;
 *     await c.var.session.set("visits", visits);
 *     return c.text(`visit ${visits}`);
 *   });
 */
export function session<Data extends JsonData<Data> = SessionData, E extends Env = Env>(
  options: HonoSessionOptions<Data, E>,
): MiddlewareHandler<E & SessionEnv<Data>> {
  // A fixed options object is validated now, so a bad secret fails at start-up, not on the first visitor.
  if (typeof options !== "function") resolveOptions(options);
  return async (c, next) => {
    const handle = startSession<Data>(c.req.raw, typeof options === "function" ? options(c as Context<E>) : options);
    c.set("session", handle.session);
    try {
      // docs/design.md, "Bindings": the CSRF check runs before any handler sees the request.
      await handle.protect();
    } catch (error) {
      const refused = handle.fail(error);
      if (!refused) throw error;
      return refused;
    }
    await next();
    // Hono catches handler errors (into its onError answer) and records them on c.error before we get here.
    let response = c.error ? handle.fail(c.error) : undefined;
    if (!response) {
      try {
        response = await handle.commit(c.res);
      } catch (error) {
        response = handle.fail(error);
        if (!response) throw error;
      }
    }
    if (response === c.res) return; // untouched session: nothing to add
    // Hono's `res` setter merges the old response's headers over the new one,
    // which would drop our Set-Cookie and Vary; clearing it first skips the merge.
    c.res = undefined;
    c.res = response;
  };
}
