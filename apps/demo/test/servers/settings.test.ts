// The servers' app in process on every store they offer (the real processes: deno/bun/node.test.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SessionConfigError } from "@edge-session/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoApp } from "../../src/app.ts";
import { SERVER_STORE_KINDS, serverSettings } from "../../src/servers/settings.ts";
import { describeDemo, LOCAL_ORIGIN } from "../demo-flows.ts";

const SECRET = "demo-servers-test-secret-0123456789abcdef";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "demo-servers-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (values: Record<string, string>) => (name: string) => values[name];

for (const kind of SERVER_STORE_KINDS) {
  // Built lazily: the file store's directory exists only once beforeAll ran.
  let app: ReturnType<typeof createDemoApp> | undefined;
  const appFor = () => {
    app ??= createDemoApp({
      runtime: "test",
      setup: serverSettings(env({ SESSION_STORE: kind, SESSION_SECRET: SECRET, SESSION_DIR: dir })).setup,
    });
    return app;
  };
  describeDemo({
    store: kind,
    serverSide: kind === "memory" || kind === "file",
    origin: LOCAL_ORIGIN,
    fetch: async (request) => appFor().request(request),
  });
}

describe("serverSettings", () => {
  it("defaults to memoryStore and the development secret, accepted on localhost only", async () => {
    const settings = serverSettings(() => undefined);
    expect(settings.devSecret).toBe(true);
    expect(settings.store).toMatchObject({ kind: "memory", serverSide: true });
    const app = createDemoApp({ runtime: "test", setup: settings.setup });
    expect((await app.request("http://127.0.0.1:8000/")).status).toBe(200);
    const refused = await app.request("https://shop.example/");
    expect(refused.status).toBe(500);
    expect(await refused.text()).toMatch(/development SESSION_SECRET only works on localhost; set SESSION_SECRET/);
  });

  it("uses SESSION_SECRET when given", () => {
    expect(serverSettings(env({ SESSION_SECRET: SECRET })).devSecret).toBe(false);
  });

  it("picks the store by SESSION_STORE and refuses a typo", () => {
    expect(serverSettings(env({ SESSION_STORE: "cookie-encrypted" })).store.label).toMatch(/JWE/);
    expect(serverSettings(env({ SESSION_STORE: "file", SESSION_DIR: dir })).store.label).toMatch(/^fileStore/);
    expect(() => serverSettings(env({ SESSION_STORE: "redis" }))).toThrow(SessionConfigError);
    expect(() => serverSettings(env({ SESSION_STORE: "redis" }))).toThrow(/memory, cookie, cookie-encrypted, file; got "redis"/);
  });
});
