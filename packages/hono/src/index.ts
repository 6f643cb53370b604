/**
 * @edge-session/hono — sessions as Hono middleware.
 * @module
 */

export type { HonoSessionOptions } from "./session.ts";
/**
 * The middleware; the session is `c.var.session`.
 * @example
 * app.use(session({ store: cookieStore(), secret: [current, previous] }));
 * app.get("/", async (c) => c.text(String(await c.var.session.get("visits"))));
 */
export { session } from "./session.ts";
