// Starts src/main.ts with the real deno binary (from npm) on a free port and uses it as a browser would.
import { fileURLToPath } from "node:url";
import { Browser } from "@edge-session/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { guardRootPackageJson, runCommand } from "../../../apps/demo/test/servers/runtimes.ts";
import { type RunningServer, startServer } from "../../../apps/demo/test/servers/start-server.ts";

let server: RunningServer | undefined;
let restore = (): boolean => false;
beforeAll(async () => {
  restore = guardRootPackageJson();
  server = await startServer({ command: runCommand("deno", "src/main.ts"), cwd: fileURLToPath(new URL("..", import.meta.url)) });
});
afterAll(async () => {
  await server?.stop();
  restore();
});

it("keeps the session in a signed cookie: visits, login with a fresh cookie, logout", async () => {
  const browser = new Browser((request) => fetch(request, { redirect: "manual" }), server!.url);
  const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
  expect(await browser.json("/")).toEqual({ visits: 1, user: null });
  // The cookie is the data: Django's signing.dumps format, base64url(JSON):timestamp:signature.
  const [payload = ""] = browser.cookie()?.split(":") ?? [];
  expect(JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/")))).toEqual({ visits: 1 });

  await browser.fetch("/login", form({ user: "ada" }));
  expect(await browser.json("/")).toEqual({ visits: 2, user: "ada" });

  const logout = await browser.fetch("/logout", form({}));
  expect(logout.status).toBe(303);
  expect(browser.cookie()).toBeUndefined();
  expect(await browser.json("/")).toEqual({ visits: 1, user: null });
});

it("refuses a cookie whose data was changed in the browser", async () => {
  const browser = new Browser((request) => fetch(request, { redirect: "manual" }), server!.url);
  await browser.json("/");
  const [, ...rest] = browser.cookie()?.split(":") ?? [];
  const forged = `${btoa(JSON.stringify({ visits: 99, user: "root" })).replaceAll("=", "")}:${rest.join(":")}`;
  expect(await browser.json("/", { cookie: `sessionid=${forged}` })).toEqual({ visits: 1, user: null });
});
