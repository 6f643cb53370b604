import type { JsonData, Session, SessionData, SessionOptions } from "@edge-session/core";
import { startSession } from "@edge-session/core";
import { resolveOptions } from "@edge-session/core/kit";

/**
 * A fetch handler that also receives the request's session.
 * @example
 * const handler: SessionHandler<Env, { visits?: number }> = async (request, session, env) => new Response("ok");
 */
export type SessionHandler<Env, Data extends JsonData<Data> = SessionData, Ctx = unknown> = (
  request: Request,
  session: Session<Data>,
  env: Env,
  ctx: Ctx,
) => Response | Promise<Response>;

/**
 * Options, or a function of the runtime's extra handler arguments (Workers: env, ctx) returning them.
 * @example
 * const options: SessionOptionsInput<Env, { visits?: number }> = (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET });
 */
export type SessionOptionsInput<Env, Data extends JsonData<Data> = SessionData, Ctx = unknown> =
  | SessionOptions<Data>
  | ((env: Env, ctx: Ctx) => SessionOptions<Data>);

/**
 * Wraps a plain fetch handler (Workers, Deno.serve, Bun.serve, Node adapters)
 * so it receives a lazy `Session<Data>` and its response carries the session
 * cookie. `Data` comes from the type argument or from the `schema` option's
 * output, and must be JSON-shaped. Around the handler it runs the engine's
 * steps (docs/design.md, "Bindings"): `protect()` (CSRF) before, `commit()`
 * after, and `fail()` for anything thrown — a session error becomes its
 * 400/403/503 (reported to `onError`), any other error propagates unchanged.
 * @example
 * export default {
 *   fetch: withSession<Env, { visits?: number }>(
 *     async (request, session) => {
 *       const visits = ((await session.get("visits")) ?? 0) + 1;
 *       await session.set("visits", visits);
 *       return new Response(`visit ${visits}`);
 *     },
 *     (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET }),
 *   ),
 * } satisfies ExportedHandler<Env>;
 */
export function withSession<Env = unknown, Data extends JsonData<Data> = SessionData, Ctx = unknown>(
  handler: SessionHandler<Env, NoInfer<Data>, Ctx>,
  options: SessionOptionsInput<Env, Data, Ctx>,
): (request: Request, env?: Env, ctx?: Ctx) => Promise<Response> {
  // A fixed options object is validated now, so a bad secret fails at start-up, not on the first visitor.
  if (typeof options !== "function") resolveOptions(options);
  // env and ctx are optional so the result also fits Deno.serve, Bun.serve and tests calling it with a request alone.
  return async (request, env = undefined as Env, ctx = undefined as Ctx) => {
    const handle = startSession<Data>(request, typeof options === "function" ? options(env, ctx) : options);
    try {
      await handle.protect();
      return await handle.commit(await handler(request, handle.session, env, ctx));
    } catch (error) {
      const response = handle.fail(error);
      if (response) return response;
      throw error;
    }
  };
}
