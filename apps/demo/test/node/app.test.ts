// The Worker's app in Node, in process (`app.request`), on its default store: the signed cookie.
import { describe, expect, it } from "vitest";
import { DEV_SECRET } from "../../src/dev-secret.ts";
import { workerApp } from "../../src/worker-app.ts";
import { describeDemo, LOCAL_ORIGIN } from "../demo-flows.ts";

// The cookie store needs no binding; KV and D1 are exercised inside workerd (test/workerd).
const env = { SESSION_STORE: "cookie", SESSION_SECRET: DEV_SECRET } as Env;

describeDemo({
  store: "cookie",
  serverSide: false,
  origin: LOCAL_ORIGIN,
  fetch: async (request) => workerApp.request(request, undefined, env),
});

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
    expect(await response.text()).toMatch(/SESSION_STORE must be one of cookie, kv, d1, kv-over-d1; got "redis"/);
  });

  it("names the runtime in the page header", async () => {
    const page = await (await workerApp.request("http://localhost/", undefined, env)).text();
    expect(page).toContain('<span data-testid="runtime">Cloudflare Workers</span>');
  });

  it("escapes what users type", async () => {
    const login = await workerApp.request(
      "http://localhost/login",
      {
        method: "POST",
        body: new URLSearchParams({ username: "<b>x</b>" }),
        headers: { Origin: "http://localhost" },
      },
      env,
    );
    const cookie = login.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const page = await (await workerApp.request("http://localhost/", { headers: { Cookie: cookie } }, env)).text();
    expect(page).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(page).not.toContain("<b>x</b>");
  });
});
