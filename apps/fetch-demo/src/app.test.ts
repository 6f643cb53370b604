import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cookieStore } from "@edge-session/cookie";
import { memoryStore, SessionConfigError } from "@edge-session/core";
import { fileStore } from "@edge-session/fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoApp } from "./app.ts";
import { DEV_SECRET, settingsFromEnv } from "./settings.ts";
import { CookieJar, runSmoke } from "./smoke.ts";

// The app in process (the real servers are driven by apps/deno and apps/bun's smoke tests).
const SECRET = "fetch-demo-test-secret-0123456789abcdef";
const inProcess = (app: (request: Request) => Promise<Response>): typeof fetch =>
  ((input: RequestInfo | URL, init?: RequestInit) => app(new Request(input, init))) as typeof fetch;

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fetch-demo-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the demo app", () => {
  it("passes the smoke run on memoryStore", async () => {
    const app = createDemoApp({ store: memoryStore(), secret: SECRET, runtime: "test" });
    expect(await runSmoke("http://localhost:8000", inProcess(app))).toHaveLength(5);
  });

  it("passes the smoke run on fileStore", async () => {
    const app = createDemoApp({ store: fileStore({ dir }), secret: SECRET, runtime: "test" });
    expect(await runSmoke("http://localhost:8000", inProcess(app))).toHaveLength(5);
  });

  it("on a cookie store, fails the smoke run exactly at the replayed logout cookie (its documented limit)", async () => {
    const app = createDemoApp({ store: cookieStore(), secret: SECRET, runtime: "test" });
    await expect(runSmoke("http://localhost:8000", inProcess(app))).rejects.toThrow(
      /the pre-login id is dead at once|the logged-out cookie is refused/,
    );
  });

  it("escapes the user's name in the page", async () => {
    const app = createDemoApp({ store: memoryStore(), secret: SECRET, runtime: "test" });
    const jar = new CookieJar();
    const login = await app(
      new Request("http://localhost/login", {
        method: "POST",
        headers: { Origin: "http://localhost" },
        body: new URLSearchParams({ username: "<script>x</script>" }),
      }),
    );
    jar.store(login);
    const page = await (await app(new Request("http://localhost/", { headers: { Cookie: jar.header() } }))).text();
    expect(page).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(page).not.toContain("<script>x");
  });

  it("answers 404, 400 for an unknown item, and 403 for a form without a same-site origin", async () => {
    const app = createDemoApp({ store: memoryStore(), secret: SECRET, runtime: "test" });
    expect((await app(new Request("http://localhost/nope"))).status).toBe(404);
    const post = (item: string, headers: Record<string, string>) =>
      app(new Request("http://localhost/cart/add", { method: "POST", headers, body: new URLSearchParams({ item }) }));
    expect((await post("caviar", { Origin: "http://localhost" })).status).toBe(400);
    expect((await post("apple", {})).status).toBe(403);
    expect((await post("apple", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post("apple", { "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
  });

  it("refuses the public development secret anywhere but this machine", async () => {
    const app = createDemoApp({ store: memoryStore(), secret: DEV_SECRET, runtime: "test" });
    expect((await app(new Request("http://127.0.0.1:8000/"))).status).toBe(200);
    await expect(app(new Request("https://shop.example/"))).rejects.toThrow(SessionConfigError);
  });
});

describe("settingsFromEnv", () => {
  it("defaults to memoryStore and the development secret", () => {
    const settings = settingsFromEnv(() => undefined);
    expect(settings.devSecret).toBe(true);
    expect(settings.secret).toBe(DEV_SECRET);
    expect(settings.storeLabel).toMatch(/^memoryStore/);
  });

  it("picks the store by SESSION_STORE and refuses a typo", () => {
    const env = (values: Record<string, string>) => (name: string) => values[name];
    expect(settingsFromEnv(env({ SESSION_STORE: "cookie-encrypted", SESSION_SECRET: SECRET })).storeLabel).toMatch(/JWE/);
    expect(settingsFromEnv(env({ SESSION_STORE: "file", SESSION_DIR: dir })).storeLabel).toMatch(/^fileStore/);
    expect(() => settingsFromEnv(env({ SESSION_STORE: "redis" }))).toThrow(SessionConfigError);
  });
});
