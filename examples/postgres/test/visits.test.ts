// Runs src/visits.ts as a user would (tsx, DATABASE_URL) against a private PostgreSQL cluster
// started here (packages/postgres/test: initdb + postgres on a free port) and stopped by PID.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type PgCluster, startCluster } from "../../../packages/postgres/test/pg-process.ts";

const exampleDir = fileURLToPath(new URL("..", import.meta.url));
let cluster: PgCluster | undefined;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

it("counts three visits in PostgreSQL, in one row", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/visits.ts"], {
    cwd: exampleDir,
    env: { ...process.env, DATABASE_URL: cluster!.url },
    timeout: 20_000,
  });
  expect(stdout.trim().split("\n")).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
  const sql = postgres(cluster!.url, { max: 1 });
  try {
    const rows = await sql`SELECT version FROM edge_sessions`;
    expect(rows.map((r) => Number(r.version))).toEqual([3]);
  } finally {
    await sql.end({ timeout: 1 });
  }
});

it("is shown verbatim in the README", async () => {
  const example = await readFile(`${exampleDir}src/visits.ts`, "utf8");
  const readme = await readFile(`${exampleDir}README.md`, "utf8");
  expect(readme).toContain(example.trim());
});
