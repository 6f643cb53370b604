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

it("counts visits, logs in with a new id and a flash, remembers or not, logs out; the old cookies are dead", async () => {
  const browser = new Browser((request) => fetch(request, { redirect: "manual" }), server!.url);
  const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
  /** GET / from another browser that sends an old session cookie (its answer stays out of the first browser's jar). */
  const replay = (cookie: string | undefined) => {
    const other = new Browser(browser.handler, browser.origin);
    other.jar.set("sessionid", cookie ?? "");
    return other.json("/");
  };
  const fresh = { visits: 1, user: null, notice: null, atBrowserClose: false };
  expect(await browser.json("/")).toEqual(fresh);
  const anonymous = browser.cookie();

  const login = await browser.fetch("/login", form({ user: "linus" }));
  expect(login.status).toBe(303);
  expect(login.headers.getSetCookie().join()).not.toMatch(/Max-Age|Expires/); // a browser-session cookie
  const loggedIn = browser.cookie();
  expect(loggedIn?.split(".")[0]).not.toBe(anonymous?.split(".")[0]);
  expect(await browser.json("/")).toEqual({ visits: 2, user: "linus", notice: "Welcome, linus.", atBrowserClose: true });
  expect(await browser.json("/")).toMatchObject({ visits: 3, notice: null });
  expect(await replay(anonymous)).toEqual(fresh);

  const remembered = await browser.fetch("/login", form({ user: "linus", remember: "on" }));
  expect(remembered.headers.getSetCookie().join()).toMatch(/Max-Age=2592000/);
  const logout = await browser.fetch("/logout", form({}));
  expect(logout.headers.getSetCookie().join()).toMatch(/^sessionid=; .*Max-Age=0/);
  expect(await replay(loggedIn)).toEqual(fresh);
});
