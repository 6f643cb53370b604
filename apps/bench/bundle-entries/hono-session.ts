// @hono/session (honojs/middleware), as its README sets it up.
import { type SessionEnv, useSession } from "@hono/session";
import { Hono } from "hono";

const app = new Hono<SessionEnv<{ visits: number }>>();
app.use(useSession());
app.get("/", async (c) => {
  const data = await c.var.session.get();
  const visits = (data?.visits ?? 0) + 1;
  await c.var.session.update({ visits });
  return c.text(String(visits));
});

export default app;
