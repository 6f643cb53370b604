/**
 * Starts a real redis-server on a free port and stops it by PID. The same
 * instance can be stopped and started again on the same port (fault tests).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { RespClient } from "./resp.ts";

export interface RedisProcessOptions {
  /** Keep data across a restart: append-only file, fsync on every write, in this directory. */
  persistDir?: string;
  /** Port to use; default: a free one. */
  port?: number;
}

export interface RedisProcess {
  readonly port: number;
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM to its PID) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL: no shutdown, no final save) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** The redis-server binary: REDIS_SERVER, else /usr/bin/redis-server, else from PATH. */
export function redisServerBinary(): string {
  return process.env.REDIS_SERVER ?? (existsSync("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server");
}

/** A port the OS says is free now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${log()}`);
    const client = new RespClient(port);
    try {
      const [reply] = await client.send([["ping"]]);
      if (Buffer.isBuffer(reply) && reply.toString() === "PONG") return;
    } catch {
      // not listening yet
    } finally {
      client.close();
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${port}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts redis-server and resolves once it answers PING. */
export async function startRedis(options: RedisProcessOptions = {}): Promise<RedisProcess> {
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let output = "";

  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", ""];
  if (options.persistDir) {
    args.push("--appendonly", "yes", "--appendfsync", "always", "--dir", options.persistDir);
  } else {
    args.push("--appendonly", "no");
  }

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) return;
    output = "";
    const proc = spawn(redisServerBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    proc.stdout?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    proc.stderr?.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const spawnError = new Promise<never>((_, reject) => proc.once("error", reject));
    await Promise.race([waitForPing(port, proc, () => output), spawnError]);
  }

  async function stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    port,
    get pid() {
      return child?.pid;
    },
    stop: () => stop(),
    kill: () => stop("SIGKILL"),
    start,
  };
}
