/**
 * @edge-session/fetch — sessions for plain fetch handlers.
 * @module
 */

export type { SessionHandler, SessionOptionsInput } from "./with-session.ts";
/**
 * Wraps `(request, session, env, ctx) => Response` into a fetch handler with sessions.
 * @example
 * export default {
 *   fetch: withSession(async (request, session) => {
 *     const visits = ((await session.get("visits")) as number | undefined ?? 0) + 1;
 *     await session.set("visits", visits);
 *     return new Response(`visit ${visits}`);
 *   }, (env) => ({ store: cookieStore(), secret: env.SESSION_SECRET })),
 * };
 */
export { withSession } from "./with-session.ts";
