// The demo's own flows (test/demo-flows.ts) over HTTP against a real server on one runtime,
// plus what only a real process shows: fileStore sessions survive a restart.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoTarget } from "../demo-flows.ts";
import { demoBrowser, describeDemo, openPage, post } from "../demo-flows.ts";
import { guardRootPackageJson, type Runtime, runCommand } from "./runtimes.ts";
import { type RunningServer, startServer } from "./start-server.ts";

const demoDir = fileURLToPath(new URL("../..", import.meta.url));
const SECRET = "demo-server-smoke-secret-0123456789abcdef";
const RUNTIME_LABEL: Record<Runtime, RegExp> = { deno: /^Deno \d+\.\d+/, bun: /^Bun \d+\.\d+/, node: /^Node \d+\.\d+/ };

function start(runtime: Runtime, env: Record<string, string>, port?: number): Promise<RunningServer> {
  const command = runCommand(runtime, `src/servers/${runtime}.ts`);
  return startServer({ command, cwd: demoDir, env: { SESSION_SECRET: SECRET, ...env }, ...(port ? { port } : {}) });
}

/** A target whose origin is the server's URL, read when a test starts (after beforeAll). */
function httpTarget(store: string, server: () => RunningServer): DemoTarget {
  return {
    store,
    serverSide: true,
    get origin() {
      return server().url;
    },
    fetch: (request) => fetch(request, { redirect: "manual" }),
  };
}

/** The demo served by `src/servers/<runtime>.ts`, started as a real process. */
export function describeServer(runtime: Runtime): void {
  describe(`the demo on ${runtime} (a real server over HTTP)`, () => {
    let server: RunningServer | undefined;
    let restore = (): boolean => false;
    beforeAll(async () => {
      if (runtime === "deno") restore = guardRootPackageJson();
      server = await start(runtime, { SESSION_STORE: "memory" });
    });
    afterAll(async () => {
      await server?.stop();
      restore();
    });
    const memory = httpTarget("memory", () => server!);

    it("shows the same page, naming this runtime", async () => {
      const page = await openPage(demoBrowser(memory));
      expect(page.html).toContain('<link rel="icon"');
      expect(page.html).toContain('data-testid="panel"');
      const label = /data-testid="runtime">([^<]*)</.exec(page.html)?.[1] ?? "";
      expect(label).toMatch(RUNTIME_LABEL[runtime]);
    });

    describeDemo(memory);

    it("on fileStore, a session survives a restart of the server", async () => {
      const dir = await mkdtemp(join(tmpdir(), `demo-${runtime}-sessions-`));
      let current: RunningServer | undefined;
      try {
        const target = httpTarget("file", () => current!);
        current = await start(runtime, { SESSION_STORE: "file", SESSION_DIR: dir });
        const browser = demoBrowser(target);
        await openPage(browser); // visit 1, and the form's CSRF token
        await post(browser, "/login", { username: "carol", remember: "on" });
        await current.stop();
        current = await start(runtime, { SESSION_STORE: "file", SESSION_DIR: dir }, current.port);
        const page = await openPage(browser);
        expect(page.user).toBe("carol");
        expect(page.data).toMatchObject({ user: "carol", visits: 2 });
      } finally {
        await current?.stop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
