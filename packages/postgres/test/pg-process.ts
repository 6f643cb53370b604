/**
 * Starts a private PostgreSQL cluster for the tests: `initdb` into a temp
 * directory and `postgres` on a free port, listening on 127.0.0.1 and a socket
 * in that directory only; stopped by the postmaster's PID. It never touches
 * the machine's shared server on 5432. As root (CI, containers), both run as
 * the `postgres` user, since initdb refuses root.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { freePort } from "../../redis/test/redis-process.ts";

export interface PgCluster {
  readonly port: number;
  readonly url: string;
  /** The postmaster's PID while it runs. */
  pid(): number | undefined;
  /** Immediate shutdown (SIGQUIT): no checkpoint, crash recovery on the next start — a killed server. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory. */
  start(): Promise<void>;
  /** Fast shutdown (SIGINT), then removes the directory. */
  destroy(): Promise<void>;
}

/** initdb and postgres: on PATH, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): { initdb: string; postgres: string } {
  const onPath = (name: string): string | undefined => {
    for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, name))) return join(dir, name);
    return undefined;
  };
  const initdb = onPath("initdb");
  const server = onPath("postgres");
  if (initdb && server) return { initdb, postgres: server };
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return { initdb: join(root, versions[0], "bin", "initdb"), postgres: join(root, versions[0], "bin", "postgres") };
  throw new Error(
    "PostgreSQL server binaries not found (initdb, postgres) on PATH or under /usr/lib/postgresql/*/bin: " +
      "install them (Debian: apt-get install -y postgresql) to run these tests",
  );
}

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a binary, as the postgres user when we are root. */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
}

export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBinaries();
  const dir = await mkdtemp(join(tmpdir(), "edge-session-pg-"));
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const [cmd, args] = asPostgres(bin.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  execFileSync(cmd, args, { stdio: "pipe" });
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = "";

  const postmasterPid = (): number | undefined => {
    try {
      return Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return undefined;
    }
  };

  async function waitReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child && child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${log}`);
      const sql = postgres({
        host: "127.0.0.1",
        port,
        user: "postgres",
        database: "postgres",
        max: 1,
        connect_timeout: 2,
        onnotice: () => {},
      });
      try {
        await sql`SELECT 1`;
        return;
      } catch {
        // not accepting connections yet (or still recovering)
      } finally {
        await sql.end({ timeout: 1 });
      }
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections on ${port}:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) return;
    log = "";
    // fsync off: a killed *process* loses nothing that was committed (the WAL is in the OS's page
    // cache), only a machine crash would; synchronous_commit stays on, so an acknowledged commit
    // has been written to the WAL before the client hears of it.
    const [c, a] = asPostgres(bin.postgres, [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ]);
    const proc = spawn(c, a, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    proc.stdout?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    proc.stderr?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    await waitReady();
  }

  async function signal(name: NodeJS.Signals): Promise<void> {
    const proc = child;
    const pid = postmasterPid();
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    // The postmaster itself (runuser is only its parent): it stops its backends and exits.
    if (pid) process.kill(pid, name);
    else proc.kill(name);
    const timer = setTimeout(() => {
      const p = postmasterPid();
      if (p) process.kill(p, "SIGKILL");
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid: postmasterPid,
    kill: () => signal("SIGQUIT"),
    start,
    async destroy(): Promise<void> {
      await signal("SIGINT");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
