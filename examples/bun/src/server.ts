// Sessions on Bun.serve with Hono, kept in this process (memoryStore).
import { memoryStore } from "@edge-session/core";
import { session } from "@edge-session/hono";
import { Hono } from "hono";

type Data = { visits: number; user: string };

const app = new Hono()
  .use(
    session<Data>({
      store: memoryStore(),
      // 32+ characters; the fallback is for trying it out on this machine only.
      secret: process.env.SESSION_SECRET ?? "dev-only-bun-example-secret-change-me-01234",
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

const server = Bun.serve({
  hostname: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 3000),
  fetch: (request) => app.fetch(request),
});
console.log(`http://localhost:${server.port}/`);
