// Starts the REAL server (`bun run server.ts`) on a free port, drives it over HTTP with a cookie
// jar (login → cart → logout → old cookie refused), and stops it by PID.

import { expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRestartSmoke, runSmoke } from "@edge-session/fetch-demo/smoke";

const here = import.meta.dir;

function freePort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = freePort();
  const child = Bun.spawn([process.execPath, "run", "server.ts"], {
    cwd: here,
    env: { ...process.env, PORT: String(port), SESSION_SECRET: "bun-smoke-secret-0123456789abcdefghijk", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]).then((parts) => parts.join(""));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) process.kill(child.pid, "SIGTERM");
    await child.exited;
    await output;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited before listening:\n${await output}`);
    try {
      await (await fetch(`${url}/state`)).body?.cancel();
      return { url, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the server did not answer within 30 s:\n${await output}`);
      }
      await Bun.sleep(50);
    }
  }
}

test("Bun.serve demo on memoryStore: login → cart → logout → old cookie refused", async () => {
  const server = await startServer({ SESSION_STORE: "memory" });
  try {
    expect(await runSmoke(server.url)).toHaveLength(5);
  } finally {
    await server.stop();
  }
}, 60_000);

test("Bun.serve demo on fileStore: a session survives a restart of the server", async () => {
  const dir = await mkdtemp(join(tmpdir(), "bun-demo-sessions-"));
  try {
    await runRestartSmoke(() => startServer({ SESSION_STORE: "file", SESSION_DIR: dir }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
