// Starts src/server.ts with the real bun binary (from npm) on a free port and uses it as a browser would.
import { fileURLToPath } from "node:url";
import { Browser } from "@edge-session/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCommand } from "../../../apps/demo/test/servers/runtimes.ts";
import { type RunningServer, startServer } from "../../../apps/demo/test/servers/start-server.ts";

let server: RunningServer | undefined;
beforeAll(async () => {
  server = await startServer({ command: runCommand("bun", "src/server.ts"), cwd: fileURLToPath(new URL("..", import.meta.url)) });
});
afterAll(async () => {
  await server?.stop();
});

it("counts visits, logs in with a new id, logs out; memoryStore refuses the old cookies", async () => {
  const browser = new Browser((request) => fetch(request, { redirect: "manual" }), server!.url);
  const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
  /** GET / from another browser that sends an old session cookie (its answer stays out of the first browser's jar). */
  const replay = (cookie: string | undefined) => {
    const other = new Browser(browser.handler, browser.origin);
    other.jar.set("sessionid", cookie ?? "");
    return other.json("/");
  };
  expect(await browser.json("/")).toEqual({ visits: 1, user: null });
  expect(await browser.json("/")).toEqual({ visits: 2, user: null });
  const anonymous = browser.cookie();

  const login = await browser.fetch("/login", form({ user: "linus" }));
  expect(login.status).toBe(303);
  expect(login.headers.get("Location")).toBe("/");
  const loggedIn = browser.cookie();
  expect(loggedIn?.split(".")[0]).not.toBe(anonymous?.split(".")[0]);
  expect(await browser.json("/")).toEqual({ visits: 3, user: "linus" });
  expect(await replay(anonymous)).toEqual({ visits: 1, user: null });

  const logout = await browser.fetch("/logout", form({}));
  expect(logout.headers.getSetCookie().join()).toMatch(/^sessionid=; .*Max-Age=0/);
  expect(await replay(loggedIn)).toEqual({ visits: 1, user: null });
});
