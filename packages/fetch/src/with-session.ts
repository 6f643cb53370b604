import type { Session, SessionData, SessionOptions } from "@edge-session/core";
import { sessionErrorResponse, startSession } from "@edge-session/core";
import { resolveOptions } from "@edge-session/core/kit";

/** A fetch handler that also receives the request's session. */
export type SessionHandler<Env, Data extends object, Ctx> = (
  request: Request,
  session: Session<Data>,
  env: Env,
  ctx: Ctx,
) => Response | Promise<Response>;

/** Options, or a function of the runtime's extra handler arguments (Workers: env, ctx) returning them. */
export type SessionOptionsInput<Env, Ctx> = SessionOptions | ((env: Env, ctx: Ctx) => SessionOptions);

/**
 * Wraps a plain fetch handler (Workers, Deno.serve, Bun.serve, Node adapters)
 * so it receives a lazy session and its response carries the session cookie.
 *
 * An unhandled `SessionInterruptedError` becomes a 400 and a `SessionStoreError`
 * a 503; any other error propagates unchanged.
 */
export function withSession<Env = unknown, Data extends object = SessionData, Ctx = unknown>(
  handler: SessionHandler<Env, Data, Ctx>,
  options: SessionOptionsInput<Env, Ctx>,
): (request: Request, env?: Env, ctx?: Ctx) => Promise<Response> {
  // A fixed options object is validated now, so a bad secret fails at start-up, not on the first visitor.
  if (typeof options !== "function") resolveOptions(options);
  // env and ctx are optional so the result also fits Deno.serve, Bun.serve and tests calling it with a request alone.
  return async (request, env = undefined as Env, ctx = undefined as Ctx) => {
    try {
      const { session, commit } = startSession<Data>(request, typeof options === "function" ? options(env, ctx) : options);
      return await commit(await handler(request, session, env, ctx));
    } catch (error) {
      const response = sessionErrorResponse(error);
      if (response) return response;
      throw error;
    }
  };
}
