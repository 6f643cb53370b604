/**
 * @edge-session/hono — sessions as Hono middleware.
 * @module
 */

/**
 * The options the middleware takes: an object, or `(c: Context<E>) => options` to read `c.env` per request.
 * @example
 * const options: HonoSessionOptions<{ visits?: number }> = { store: cookieStore(), secret };
 */
/**
 * The Env part the middleware adds (`c.var.session: Session<Data>`), for apps that declare routes apart from `app.use`.
 * @example
 * const app = new Hono<{ Bindings: Bindings } & SessionEnv<{ visits?: number }>>();
 */
export type { HonoSessionOptions, SessionEnv } from "./session.ts";
/**
 * The middleware; the session is `c.var.session`, typed by `Data` (or the `schema` option).
 * @example
 * const app = new Hono()
 *   .use(session<{ visits?: number }>({ store: cookieStore(), secret }))
 *   .get("/", async (c) => c.text(String((await c.var.session.get("visits")) ?? 0)));
 */
export { session } from "./session.ts";
