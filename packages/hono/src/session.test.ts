import { cookieStore } from "@edge-session/cookie";
import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { type AnyStore, CsrfError, memoryStore, type SessionError, type SessionStore, SessionStoreError } from "@edge-session/core";
import { describeSessionFlow } from "@edge-session/core/testing";
import { type Context, Hono } from "hono";
import { describe, expect, it } from "vitest";
import { session } from "./session.ts";

const stores: [string, () => AnyStore][] = [
  ["memoryStore", () => memoryStore()],
  ["cookieStore()", () => cookieStore()],
  ["encryptedCookieStore()", () => encryptedCookieStore()],
];
for (const [label, store] of stores) {
  describeSessionFlow(`Hono session() + ${label}`, {
    store,
    bind: (app, options) => {
      const hono = new Hono().use(session(options)).all("*", (c) => app(c.req.raw, c.var.session));
      return async (request) => hono.fetch(request);
    },
  });
}

const secret = "hono-session-test-secret-0123456789";

/** Records what the onError hook saw. */
function errorLog() {
  const seen: [SessionError, Request][] = [];
  return { seen, onError: (error: SessionError, request: Request) => void seen.push([error, request]) };
}

describe("Hono session()", () => {
  it("keeps Set-Cookie lines and Vary set by the app next to the session's", async () => {
    const app = new Hono().use(session({ store: memoryStore(), secret })).get("/", async (c) => {
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

  it("leaves c.res the very response the handler gave when the session was not touched", async () => {
    let given: Response | undefined;
    let seenOutside: Response | undefined;
    const app = new Hono();
    app.use(async (c, next) => {
      await next();
      seenOutside = c.res;
    });
    app.use(session({ store: memoryStore(), secret }));
    app.get("/", () => {
      given = new Response("plain", { headers: { "X-Mine": "1" } });
      return given;
    });
    const response = await app.request("/");
    expect(seenOutside).toBe(given);
    expect(response.headers.get("Vary")).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("reads options from the context per request, typed by the app's Env", async () => {
    type AppEnv = { Bindings: { SECRET: string } };
    const store = memoryStore();
    const app = new Hono<AppEnv>().use(session((c: Context<AppEnv>) => ({ store, secret: c.env.SECRET }))).get("/", async (c) => {
      await c.var.session.set("n", 1);
      return c.text("ok");
    });
    const response = await app.request("/", {}, { SECRET: secret });
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(store.size).toBe(1);
  });

  it("answers a SessionStoreError from the handler through fail(): 503, onError called once with the request", async () => {
    const log = errorLog();
    const app = new Hono().use(session({ store: memoryStore(), secret, onError: log.onError })).get("/store", () => {
      throw new SessionStoreError("down", { cause: new Error("ECONNREFUSED") });
    });
    app.onError((error, c) => c.text(`app onError: ${error.message}`, 500));
    const request = new Request("https://example.test/store");
    const response = await app.request(request);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0]).toBeInstanceOf(SessionStoreError);
    expect(log.seen[0]?.[1]).toBe(request);
  });

  it("answers a store failure while saving with a 503 and reports it once, with its cause", async () => {
    const log = errorLog();
    const down = new Error("ECONNREFUSED");
    const failing: SessionStore = { ...memoryStore(), create: () => Promise.reject(down) };
    const app = new Hono().use(session({ store: failing, secret, onError: log.onError })).get("/", async (c) => {
      await c.var.session.set("n", 1);
      return c.text("saved?");
    });
    const response = await app.request("/");
    expect(response.status).toBe(503);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0]).toBeInstanceOf(SessionStoreError);
    expect(log.seen[0]?.[0].cause).toBe(down);
  });

  it("leaves errors that are not session errors to the app's onError, without reporting them", async () => {
    const log = errorLog();
    const app = new Hono().use(session({ store: memoryStore(), secret, onError: log.onError })).get("/bug", () => {
      throw new TypeError("app bug");
    });
    app.onError((error, c) => c.text(`handled: ${error.message}`, 500));
    const bug = await app.request("/bug");
    expect(bug.status).toBe(500);
    expect(await bug.text()).toBe("handled: app bug");
    expect(log.seen).toEqual([]);
  });

  it("runs protect() before the handler: with csrf on, a POST without a token is a 403 and the handler never runs", async () => {
    const log = errorLog();
    let ran = 0;
    const app = new Hono()
      .use(session({ store: memoryStore(), secret, csrf: true, onError: log.onError }))
      .get("/form", async (c) => c.text(await c.var.session.csrfToken()))
      .post("/form", (c) => {
        ran++;
        return c.text("posted");
      });
    const refused = await app.request("https://example.test/form", { method: "POST", headers: { Origin: "https://example.test" } });
    expect(refused.status).toBe(403);
    expect(ran).toBe(0);
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]?.[0]).toBeInstanceOf(CsrfError);

    const page = await app.request("https://example.test/form");
    const cookie = page.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const token = await page.text();
    const accepted = await app.request("https://example.test/form", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://example.test", "X-CSRFToken": token },
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe("posted");
    expect(ran).toBe(1);
  });
});
