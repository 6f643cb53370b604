import type { AnyStore, Session } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";
import { type SessionEnv, session } from "@edge-session/hono";
import { Hono } from "hono";
import { type BenchUser, benchUser, idParam, routeOf, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

/** The four routes, written once against edge-session's Session (the same code for both bindings). */
async function route(url: string, s: Session<Data>): Promise<Response> {
  switch (routeOf(url)) {
    case "/write": {
      const id = idParam(url);
      await s.set("user", benchUser(id));
      await s.set("n", 1);
      return new Response("ok");
    }
    case "/read":
      return new Response(JSON.stringify((await s.get("user")) ?? null));
    case "/rw": {
      const user = await s.get("user");
      const n = (await s.get("n")) ?? 0;
      await s.set("n", n + 1);
      return new Response(`${user?.id}:${n}`);
    }
    default:
      return new Response("ok");
  }
}

/** `withSession(handler, { store, secret })` from @edge-session/fetch, as its README shows. */
export function edgeSessionFetch(storeName: string, store: AnyStore): Subject {
  const handler = withSession<unknown, Data>((request, s) => route(request.url, s), { store, secret: SECRET });
  return {
    id: `edge-session/fetch+${storeName}`,
    label: `edge-session fetch + ${storeName}`,
    group: "edge-session",
    framework: "fetch",
    explicit: false,
    coldRead: /cookieStore/i.test(storeName) ? "other-isolate" : "same-isolate",
    cookieName: "sessionid",
    fetch: (request) => handler(request, undefined, undefined),
  };
}

/** `app.use(session({ store, secret }))` from @edge-session/hono, as its README shows. */
export function edgeSessionHono(storeName: string, store: AnyStore): Subject {
  const app = new Hono<SessionEnv<Data>>();
  app.use(session<Data>({ store, secret: SECRET }));
  const handle = (c: { req: { url: string }; var: { session: Session<Data> } }) => route(c.req.url, c.var.session);
  app.get("/untouched", (c) => c.text("ok"));
  app.get("/write", handle);
  app.get("/read", handle);
  app.get("/rw", handle);
  return {
    id: `edge-session/hono+${storeName}`,
    label: `edge-session Hono + ${storeName}`,
    group: "edge-session",
    framework: "hono",
    explicit: false,
    coldRead: /cookieStore/i.test(storeName) ? "other-isolate" : "same-isolate",
    cookieName: "sessionid",
    fetch: async (request) => app.fetch(request),
  };
}
