// Starts src/server.ts as a real Node process (tsx's loader) on a free port and uses it as a browser would.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Browser } from "@edge-session/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCommand } from "../../../apps/demo/test/servers/runtimes.ts";
import { type RunningServer, startServer } from "../../../apps/demo/test/servers/start-server.ts";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
let dir = "";
let server: RunningServer | undefined;
const start = (port?: number) =>
  startServer({ command: runCommand("node", "src/server.ts"), cwd: exampleDir, env: { SESSION_DIR: dir }, ...(port ? { port } : {}) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "node-example-sessions-"));
  server = await start();
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const browserOn = (url: string) => new Browser((request) => fetch(request, { redirect: "manual" }), url);
const form = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });
/** GET / from another browser that sends an old session cookie (its answer stays out of the first browser's jar). */
const replay = (cookie: string | undefined) => {
  const other = browserOn(server!.url);
  other.jar.set("sessionid", cookie ?? "");
  return other.json("/");
};

it("counts visits, logs in with a new id, logs out; the old cookies are dead", async () => {
  const browser = browserOn(server!.url);
  expect(await browser.json("/")).toEqual({ visits: 1, user: null });
  const anonymous = browser.cookie();
  expect((await browser.fetch("/login", form({ user: "grace" }))).status).toBe(303);
  const loggedIn = browser.cookie();
  expect(loggedIn).not.toBe(anonymous);
  expect(await browser.json("/")).toEqual({ visits: 2, user: "grace" });
  expect(await replay(anonymous)).toEqual({ visits: 1, user: null });

  await browser.fetch("/logout", form({}));
  expect(browser.cookie()).toBeUndefined();
  expect(await replay(loggedIn)).toEqual({ visits: 1, user: null });
});

it("keeps sessions in files, so they survive a restart", async () => {
  const browser = browserOn(server!.url);
  await browser.fetch("/login", form({ user: "ada" }));
  expect((await readdir(dir)).length).toBeGreaterThan(0);
  const { port } = server!;
  await server!.stop();
  server = await start(port);
  expect(await browser.json("/")).toEqual({ visits: 1, user: "ada" });
});
