// The Worker's app in Node, in process (`app.request`), on its default store: the signed cookie.
import { cookieStore } from "@edge-session/cookie";
import { session } from "@edge-session/hono";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { DEV_SECRET } from "../../src/dev-secret.ts";
import { workerApp } from "../../src/worker-app.ts";
import type { DemoTarget } from "../demo-flows.ts";
import { demoBrowser, describeDemo, LOCAL_ORIGIN, openPage, post } from "../demo-flows.ts";

// The cookie store needs no binding; KV and D1 are exercised inside workerd (test/workerd).
const env = { SESSION_STORE: "cookie", SESSION_SECRET: DEV_SECRET } as Env;

const target: DemoTarget = {
  store: "cookie",
  serverSide: false,
  origin: LOCAL_ORIGIN,
  fetch: async (request) => workerApp.request(request, undefined, env),
};
describeDemo(target);

describe("demo configuration", () => {
  it("refuses the public development secret on a real host", async () => {
    const response = await workerApp.request("https://demo.example.com/", undefined, env);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/development SESSION_SECRET only works on localhost; set a real one with `wrangler secret put/);
    expect(response.headers.has("Set-Cookie")).toBe(false);
  });

  it("accepts a real secret on a real host", async () => {
    const production = { ...env, SESSION_SECRET: "a-real-secret-from-wrangler-secret-put-0123" } as Env;
    const response = await workerApp.request("https://demo.example.com/", undefined, production);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });

  it("says what to fix when the secret is missing", async () => {
    const response = await workerApp.request("http://localhost/", undefined, { SESSION_STORE: "cookie" } as Env);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/SESSION_SECRET is not set/);
  });

  it("names the valid stores when SESSION_STORE is mistyped", async () => {
    const response = await workerApp.request("http://localhost/", undefined, { ...env, SESSION_STORE: "redis" } as Env);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/SESSION_STORE must be one of cookie, kv, d1, kv-over-d1, do; got "redis"/);
  });

  it("names the runtime in the page header", async () => {
    const page = await (await workerApp.request("http://localhost/", undefined, env)).text();
    expect(page).toContain('<span data-testid="runtime">Cloudflare Workers</span>');
  });

  it("escapes what users type", async () => {
    const browser = demoBrowser(target);
    await post(browser, "/login", { username: "<b>x</b>" });
    const page = await openPage(browser);
    expect(page.html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(page.html).not.toContain("<b>x</b>");
  });

  it("reads a cookie whose data does not match the schema (an older deploy's shape) as an empty session", async () => {
    // The same secret and cookie store, without the schema: what an older deploy could have written.
    const older = new Hono().use(session({ store: cookieStore(), secret: DEV_SECRET })).get("/", async (c) => {
      await c.var.session.set("visits", "many");
      await c.var.session.set("cart", { apple: -1 });
      return c.text("ok");
    });
    const cookie = (await older.request("http://localhost/")).headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^sessionid=./);
    const browser = demoBrowser(target);
    browser.jar.set("sessionid", cookie.slice("sessionid=".length));
    const page = await openPage(browser);
    expect(page.visits).toBe(1);
    expect(page.data).toEqual({ visits: 1 });
  });
});
