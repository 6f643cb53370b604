// Starts the REAL server (`deno run main.ts`) on a free port, drives it over HTTP with a cookie
// jar (login → cart → logout → old cookie refused), and stops it by PID.
import { runRestartSmoke, runSmoke } from "@edge-session/fetch-demo/smoke";

const here = new URL(".", import.meta.url).pathname;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "main.ts"],
    cwd: here,
    env: { PORT: String(port), SESSION_SECRET: "deno-smoke-secret-0123456789abcdefghij", ...env },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk);
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const stop = async (): Promise<void> => {
    if (!exited) Deno.kill(child.pid, "SIGTERM");
    await status;
    await drained;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before listening:\n${output}`);
    try {
      await (await fetch(`${url}/state`)).body?.cancel();
      return { url, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the server did not answer within 30 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

Deno.test("Deno.serve demo on memoryStore: login → cart → logout → old cookie refused", async () => {
  const server = await startServer({ SESSION_STORE: "memory" });
  try {
    const steps = await runSmoke(server.url);
    if (steps.length !== 5) throw new Error(`the smoke run stopped early: ${steps.join("; ")}`);
  } finally {
    await server.stop();
  }
});

Deno.test("Deno.serve demo on fileStore: a session survives a restart of the server", async () => {
  const dir = await Deno.makeTempDir({ prefix: "deno-demo-sessions-" });
  try {
    await runRestartSmoke(() => startServer({ SESSION_STORE: "file", SESSION_DIR: dir }));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
