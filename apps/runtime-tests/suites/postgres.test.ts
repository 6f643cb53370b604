import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { createTable, postgresStore } from "@edge-session/postgres";
import postgres from "postgres";
import { afterAll, it } from "vitest";
import { bind, testEnv } from "./bind.ts";

// The runner starts one private PostgreSQL cluster (packages/postgres/test/pg-process.ts) in
// Node and hands its address to every runtime; each runtime's run gets its own table.
// postgres.js on Node, Deno and Bun; not part of the workerd run (there it needs Hyperdrive).
const url = testEnv("POSTGRES_TEST_URL");

if (url) {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const table = `rt_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await createTable(sql, { table });
  afterAll(async () => {
    await sql.unsafe(`DROP TABLE IF EXISTS "${table}"`);
    await sql.end({ timeout: 1 });
  });
  const store = () => postgresStore({ sql, table });
  describeStore("postgresStore", store);
  describeSessionFlow("withSession + postgresStore", { store, bind });
} else {
  // Shown as skipped, never as passed: the runner always sets the address, so this only happens by hand.
  it.skip("postgresStore (POSTGRES_TEST_URL not set: run through scripts/run.ts)", () => {});
}
