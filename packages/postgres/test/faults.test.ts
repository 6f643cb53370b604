/**
 * Faults through serveSession: the PostgreSQL server killed mid-load
 * (SIGQUIT to the postmaster: immediate shutdown, crash recovery on the next
 * start) and restarted under one app instance and one postgres.js client, and
 * writes running across the kill. Set PRINT_FAULT_TABLE=1 to print the table.
 */
import type { SessionOptions } from "@edge-session/core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, it } from "vitest";
import { makeApp, SECRET, type TestApp } from "../../redis/test/app.ts";
import { FaultTable, killMidLoad, writesAcrossOutage, writesNote } from "../../redis/test/fault-kit.ts";
import { createTable, postgresStore } from "../src/index.ts";
import { type PgCluster, startCluster } from "./pg-process.ts";

const table = new FaultTable();
let cluster: PgCluster;
let sql: postgres.Sql;
let app: TestApp;
const seen: unknown[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  // A short connect timeout: while the server is down, a request waits at most this long.
  sql = postgres(cluster.url, { max: 10, connect_timeout: 2, onnotice: () => {} });
  await createTable(sql);
  const options: SessionOptions = { store: postgresStore({ sql }), secret: SECRET, onError: (error) => void seen.push(error) };
  app = makeApp(options);
});

afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await cluster?.destroy();
  table.print();
});

describe("postgresStore when the server dies", () => {
  it("killed mid-load: 503s via SessionStoreError; restarted: the same app recovers with every acknowledged write", async () => {
    await killMidLoad(table, app, {
      backend: "PostgreSQL",
      kill: () => cluster.kill(),
      start: () => cluster.start(),
      notes: {
        read: "SELECT fails",
        create: "INSERT fails",
        logout: "DELETE fails",
        restarted: "the server accepted connections again (crash recovery done)",
      },
      seen,
    });
  });

  it("writes running across a kill and restart: every write answered 200 is there afterwards", async () => {
    const outcome = await writesAcrossOutage(app, async () => {
      await cluster.kill();
      await new Promise((r) => setTimeout(r, 300));
      await cluster.start();
    });
    table.push(
      "writes across kill/restart",
      `${outcome.acknowledged + outcome.failed} × /set by 6 users`,
      "200 / 503",
      writesNote(outcome, "committed"),
    );
  }, 60_000);
});
