import { cookieStore } from "@edge-session/cookie";
import { type AnyStore, memoryStore, SessionStoreError } from "@edge-session/core";
import { describeSessionFlow } from "@edge-session/core/testing";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { session } from "./session.ts";

const stores: [string, () => AnyStore][] = [
  ["memoryStore", () => memoryStore()],
  ["cookieStore()", () => cookieStore()],
  ["cookieStore({ encrypt: true })", () => cookieStore({ encrypt: true })],
];
for (const [label, store] of stores) {
  describeSessionFlow(`Hono session() + ${label}`, {
    store,
    bind: (app, options) => {
      const hono = new Hono();
      hono.use(session(options));
      hono.all("*", (c) => app(c.req.raw, c.var.session));
      return async (request) => hono.fetch(request);
    },
  });
}

describe("Hono session()", () => {
  const secret = "hono-session-test-secret-0123456789";

  it("keeps Set-Cookie lines and Vary set by the app next to the session's", async () => {
    const app = new Hono();
    app.use(session({ store: memoryStore(), secret }));
    app.get("/", async (c) => {
      await c.var.session.set("n", 1);
      c.header("Set-Cookie", "theme=dark; Path=/", { append: true });
      c.header("Vary", "Accept-Language");
      return c.text("ok");
    });
    const response = await app.request("/");
    expect(response.headers.getSetCookie()).toEqual([
      "theme=dark; Path=/",
      expect.stringMatching(/^sessionid=[\w-]{32}\.[\w-]{43}; Max-Age=1209600; Expires=.+; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
    ]);
    expect(response.headers.get("Vary")).toBe("Accept-Language, Cookie");
  });

  it("reads options from the context per request", async () => {
    const app = new Hono<{ Bindings: { SECRET: string } }>();
    const store = memoryStore();
    app.use(session((c) => ({ store, secret: c.env.SECRET })));
    app.get("/", async (c) => {
      await c.var.session.set("n", 1);
      return c.text("ok");
    });
    const response = await app.request("/", {}, { SECRET: secret });
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(store.size).toBe(1);
  });

  it("turns an unhandled SessionStoreError into a 503 and leaves other errors to Hono", async () => {
    const app = new Hono();
    app.use(session({ store: memoryStore(), secret }));
    app.get("/store", () => {
      throw new SessionStoreError("down", { cause: new Error("ECONNREFUSED") });
    });
    app.get("/bug", () => {
      throw new TypeError("app bug");
    });
    app.onError((error, c) => c.text(`handled: ${error.message}`, 500));
    expect((await app.request("/store")).status).toBe(503);
    const bug = await app.request("/bug");
    expect(bug.status).toBe(500);
    expect(await bug.text()).toBe("handled: app bug");
  });
});
