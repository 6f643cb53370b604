// Starts one of the demo's servers (or an example's) as a real child process on a free port,
// waits until it accepts connections, and stops it by PID. Shared by the Deno, Bun and Node
// smoke tests here and by the examples' tests.
import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

/** A running server: its base URL and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** SIGTERM by PID, then waits for the exit. */
  stop(): Promise<void>;
}

/** How to start a server: argv (the runtime's binary first), the directory, extra environment. */
export interface ServerCommand {
  command: readonly string[];
  cwd: string;
  env?: Record<string, string>;
  /** The port to listen on [a free one]; a restart passes the port it had, so cookies and URLs stay valid. */
  port?: number;
  /** How long the server may take to listen [30 000 ms]; Deno and Bun start in well under a second here. */
  timeoutMs?: number;
}

/** A port nothing listens on right now, from the kernel (port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts `command` with PORT (and HOST=127.0.0.1) set, and resolves once the port accepts a
 * TCP connection — no request is sent, so readiness costs the app no session. Rejects with
 * the server's output if it exits first or does not listen in time.
 */
export async function startServer({ command, cwd, env = {}, port: wanted, timeoutMs = 30_000 }: ServerCommand): Promise<RunningServer> {
  const port = wanted ?? (await freePort());
  const [program, ...args] = command;
  if (!program) throw new Error("startServer needs a command");
  const child = spawn(program, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const done = exited(child);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
    await done;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command.join(" ")} exited before listening:\n${output}`);
    if (await accepts(port)) return { url: `http://127.0.0.1:${port}`, port, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command.join(" ")} did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
