import { type SessionEnv, useSession } from "@hono/session";
import { Hono } from "hono";
import { type BenchUser, benchUser, MAX_AGE_SECONDS, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

/** @hono/session (honojs/middleware): a JWE cookie via jose, set up as its README's example. */
export function honoSession(): Subject {
  const app = new Hono<SessionEnv<Data>>();
  app.use(useSession<Data>({ secret: SECRET, duration: { absolute: MAX_AGE_SECONDS } }));
  app.get("/untouched", (c) => c.text("ok"));
  app.get("/write", async (c) => {
    const id = Number(c.req.query("id"));
    await c.var.session.update({ user: benchUser(id), n: 1 });
    return c.text("ok");
  });
  app.get("/read", async (c) => {
    const data = await c.var.session.get();
    return c.text(JSON.stringify(data?.user ?? null));
  });
  app.get("/rw", async (c) => {
    const data = await c.var.session.get();
    const n = data?.n ?? 0;
    await c.var.session.update((prev) => ({ ...(prev as Data), n: n + 1 }));
    return c.text(`${data?.user?.id}:${n}`);
  });
  return {
    id: "peer/@hono/session",
    label: "@hono/session",
    group: "peer",
    framework: "hono",
    explicit: false,
    cookieName: "sid",
    fetch: async (request) => app.fetch(request),
    notes: "logs every rejected cookie with console.error; the bench silences console.error, so that cost is not counted",
  };
}
