// Hono + the session() middleware + signed cookie store.
import { cookieStore } from "@edge-session/cookie";
import { type SessionEnv, session } from "@edge-session/hono";
import { Hono } from "hono";

const app = new Hono<{ Bindings: { SECRET: string } } & SessionEnv<{ visits?: number }>>();
app.use(session<{ visits?: number }, { Bindings: { SECRET: string } }>((c) => ({ store: cookieStore(), secret: c.env.SECRET })));
app.get("/", async (c) => {
  const visits = (await c.var.session.get("visits")) ?? 0;
  await c.var.session.set("visits", visits + 1);
  return c.text(String(visits));
});

export default app;
