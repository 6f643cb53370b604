/**
 * Faults through serveSession: the PostgreSQL server killed mid-load
 * (SIGQUIT to the postmaster: immediate shutdown, crash recovery on the next
 * start) and restarted under one app instance and one postgres.js client, and
 * writes running across the kill. Set PRINT_FAULT_TABLE=1 to print the table.
 */
import { type SessionOptions, SessionStoreError } from "@edge-session/core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserOn, makeApp, SECRET, type TestApp } from "../../redis/test/app.ts";
import { FaultTable, recovered, storedValue, writesAcrossOutage, writesNote } from "../../redis/test/fault-kit.ts";
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
    const alice = browserOn(app);
    const bob = browserOn(app);
    const carol = browserOn(app);
    const U = "PostgreSQL up";
    await table.expectStatus(U, alice, "/set?key=before&value=a1", 200);
    await table.expectStatus(U, bob, "/set?key=before&value=b1", 200);
    await table.expectStatus(U, carol, "/set?key=before&value=c1", 200);
    const slow = alice.fork().fetch("/slow-set?key=during&value=lost&gate=mid");
    await app.gates.reached("mid");

    await cluster.kill();
    const D = "PostgreSQL killed";
    seen.length = 0;
    await table.expectStatus(D, browserOn(app), "/ping", 200, "never touches the session");
    await table.expectStatus(D, alice, "/ping", 200, "cookie present, session untouched");
    await table.expectStatus(D, alice, "/get?key=before", 503, "SELECT fails");
    await table.expectStatus(D, bob, "/set?key=down&value=b2", 503, "load fails before the write");
    await table.expectStatus(D, browserOn(app), "/set?key=new&value=n", 503, "INSERT fails: no cookie issued");
    await table.expectStatus(D, carol, "/flush", 503, "DELETE fails: logout not acknowledged");
    app.gates.open("mid");
    const slowResponse = await slow;
    table.rows.push({
      scenario: D,
      request: "/slow-set (loaded before the kill)",
      status: slowResponse.status,
      note: "patch fails at commit",
    });
    expect(slowResponse.status).toBe(503);
    expect(slowResponse.headers.getSetCookie()).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const error of seen) {
      expect(error).toBeInstanceOf(SessionStoreError);
      expect((error as SessionStoreError).cause).toBeInstanceOf(Error);
      expect((error as SessionStoreError).cause).not.toBeInstanceOf(SessionStoreError);
    }

    await cluster.start();
    const R = "PostgreSQL restarted";
    const ms = await recovered(browserOn(app, alice));
    table.rows.push({
      scenario: R,
      request: "first session read",
      status: 200,
      note: `${ms} ms after the server accepted connections again`,
    });
    await table.expectStatus(R, alice, "/get?key=before", 200, "acknowledged write still there (crash recovery)");
    expect(await storedValue(alice, "before")).toBe("a1");
    expect(await storedValue(alice, "during")).toBeNull();
    expect(await storedValue(bob, "before")).toBe("b1");
    expect(await storedValue(bob, "down")).toBeNull();
    expect(await storedValue(carol, "before")).toBe("c1");
    await table.expectStatus(R, bob, "/set?key=after&value=b3", 200);
    expect(await storedValue(bob, "after")).toBe("b3");
    await table.expectStatus(R, carol, "/flush", 200);
  });

  it("writes running across a kill and restart: every write answered 200 is there afterwards", async () => {
    const outcome = await writesAcrossOutage(app, async () => {
      await cluster.kill();
      await new Promise((r) => setTimeout(r, 300));
      await cluster.start();
    });
    table.rows.push({
      scenario: "writes across kill/restart",
      request: `${outcome.acknowledged + outcome.failed} × /set by 6 users`,
      status: "200 / 503",
      note: writesNote(outcome, "committed"),
    });
  }, 60_000);
});
