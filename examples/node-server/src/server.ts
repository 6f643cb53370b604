// Sessions on Node with Hono and @hono/node-server, kept in files (fileStore): they survive a restart.
import { fileStore } from "@edge-session/fs";
import { session } from "@edge-session/hono";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

type Data = { visits: number; user: string };

const app = new Hono()
  .use(
    session<Data>({
      store: fileStore({ dir: process.env.SESSION_DIR ?? ".sessions" }),
      // 32+ characters; the fallback is for trying it out on this machine only.
      secret: process.env.SESSION_SECRET ?? "dev-only-node-example-secret-change-me-0123",
    }),
  )
  .get("/", async (c) => {
    const visits = ((await c.var.session.get("visits")) ?? 0) + 1;
    await c.var.session.set("visits", visits);
    return c.json({ visits, user: (await c.var.session.get("user")) ?? null });
  })
  .post("/login", async (c) => {
    const { user } = await c.req.parseBody();
    await c.var.session.cycleKey(); // Django's login(): a new id, the old one dead at once
    await c.var.session.set("user", typeof user === "string" ? user : "ada");
    return c.redirect("/", 303);
  })
  .post("/logout", async (c) => {
    await c.var.session.flush(); // Django's logout(): data, record and cookie gone
    return c.redirect("/", 303);
  });

serve({ fetch: app.fetch, hostname: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 3000) }, ({ port }) =>
  console.log(`http://localhost:${port}/`),
);
