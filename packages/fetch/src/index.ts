/**
 * @edge-session/fetch — sessions for plain fetch handlers.
 * @module
 */

/**
 * A fetch handler that also receives the request's session.
 * @example
 * const app: SessionHandler<Env, { visits?: number }> = async (request, session) => new Response("ok");
 */
/**
 * Options, or `(env, ctx) => options` read per request.
 * @example
 * const options: SessionOptionsInput<Env> = (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET });
 */
export type { SessionHandler, SessionOptionsInput } from "./with-session.ts";
/**
 * Wraps `(request, session, env, ctx) => Response` into a fetch handler with sessions; `session` is typed by `Data` (or the `schema` option).
 * @example
 * export default {
 *   fetch: withSession<Env, { visits?: number }>(async (request, session) => {
 *     const visits = ((await session.get("visits")) ?? 0) + 1;
 *     await session.set("visits", visits);
 *     return new Response(`visit ${visits}`);
 *   }, (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET })),
 * };
 */
export { withSession } from "./with-session.ts";
