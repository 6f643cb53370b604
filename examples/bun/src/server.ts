// Sessions on Bun.serve with Hono, kept in this process (memoryStore): a flash message and "remember me".
import { memoryStore } from "@edge-session/core";
import { session } from "@edge-session/hono";
import { Hono } from "hono";

type Data = { visits: number; user: string; notice: string };

const app = new Hono()
  .use(
    session<Data>({
      store: memoryStore(),
      // 32+ characters; the fallback is for trying it out on this machine only.
      secret: process.env.SESSION_SECRET ?? "dev-only-bun-example-secret-change-me-01234",
    }),
  )
  .get("/", async (c) => {
    const s = c.var.session;
    const notice = (await s.get("notice")) ?? null; // a flash: returned once, then gone
    const visits = ((await s.get("visits")) ?? 0) + 1;
    await s.set("visits", visits);
    return c.json({ visits, user: (await s.get("user")) ?? null, notice, atBrowserClose: await s.getExpireAtBrowserClose() });
  })
  .post("/login", async (c) => {
    const s = c.var.session;
    const { user, remember } = await c.req.parseBody();
    const name = typeof user === "string" ? user : "ada";
    await s.cycleKey(); // Django's login(): a new id, the old one dead at once
    await s.set("user", name);
    await s.setExpiry(remember === "on" ? 30 * 24 * 60 * 60 : 0); // 30 days, or until the browser closes
    await s.flash("notice", `Welcome, ${name}.`);
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
